// fails to load (test fixture)
throw new Error('config.json not found');
