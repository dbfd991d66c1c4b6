raise RuntimeError("settings.ini not found")
