"""sigload's Python harness (shipped inside sigload's jar, extracted for the run).

Calls a team's own, unchanged signing function once per request, with the clock frozen at the
participant's instant by freezegun (Debian's python3-freezegun) and the participant's time zone
imposed: TZ and time.tzset() for the C library, and freezegun's tz_offset (the zone's UTC offset
at that instant, DST included) for datetime.now() and date.today().

Protocol: the `process` signer's JSON lines (io.sigload.sign.process.ProcessSigner), one call at a
time: request {"participant", "meetingNumber", "role", "expirationSeconds", "videoWebRtcMode",
"nowMillis", "timeZone"} on stdin; response {"signature": "..."} or {"error": "...", "category":
"SCRIPT_..."} on stdout. The user's prints go to stderr, never into the protocol.
Configuration: SIGLOAD_SCRIPT (JSON: module, function, args, result, callTimeoutMillis, ticking);
the SDK key and secret: ZOOM_MEETING_SDK_KEY, ZOOM_MEETING_SDK_SECRET (environment only).
`python3 harness.py --check` loads the module, checks the function and exits.

Known limit (freezegun's): time.localtime() under a frozen clock uses the zone's standard offset
(time.timezone), so in summer time it is an hour off; datetime.now() and time.time() are right.
"""
import asyncio
import datetime
import importlib.util
import inspect
import json
import os
import sys
import threading
import time
import traceback

PROTOCOL = sys.stdout
sys.stdout = sys.stderr

try:
    import freezegun
    import zoneinfo
except ImportError as e:  # sigload checks this at start; this line is for someone running it by hand
    PROTOCOL.write(json.dumps({"error": "the harness needs freezegun (apt-get install -y python3-freezegun): "
                               + str(e), "category": "SCRIPT_HARNESS"}) + "\n")
    PROTOCOL.flush()
    sys.exit(3)

CFG = json.loads(os.environ.get("SIGLOAD_SCRIPT", "{}"))


class Fault(Exception):
    def __init__(self, category, message):
        super().__init__(message)
        self.category = category


def describe_thrown(e):
    frames = [f for f in traceback.extract_tb(e.__traceback__) if f.filename != __file__]
    where = " (%s:%d)" % (frames[-1].filename, frames[-1].lineno) if frames else ""
    return "%s: %s%s" % (type(e).__name__, e, where)


def describe_value(v):
    if v is None:
        return "None"
    if isinstance(v, str):
        return "an empty string" if v == "" else "the string '%s'" % v[:60]
    if isinstance(v, bytes):
        return "bytes (%d long; decode them to str)" % len(v)
    if isinstance(v, dict):
        return "a dict with keys [%s]" % ", ".join(str(k) for k in list(v)[:8])
    return "%s %s" % (type(v).__name__, str(v)[:60])


def load_function():
    path = os.path.abspath(CFG["module"])
    name = os.path.splitext(os.path.basename(path))[0]
    sys.path.insert(0, os.path.dirname(path))
    try:
        spec = importlib.util.spec_from_file_location(name, path)
        if spec is None:
            raise ImportError("not a Python module file")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    except BaseException as e:  # noqa: B902 - a module that calls sys.exit() is a load error too
        raise Fault("SCRIPT_LOAD_ERROR", "cannot load %s: %s" % (CFG["module"], describe_thrown(e)))
    fn = getattr(module, CFG["function"], None)
    if not callable(fn):
        fns = [k for k, v in vars(module).items() if callable(v) and not k.startswith("_")
               and getattr(v, "__module__", None) == name]
        raise Fault("SCRIPT_NO_FUNCTION", "%s has no function '%s'%s" % (
            CFG["module"], CFG["function"],
            "; its functions: " + ", ".join(fns) if fns else "; it defines no function at all"))
    return fn


def argument(source, req, callbacks):
    values = {
        "sdkKey": lambda: os.environ.get("ZOOM_MEETING_SDK_KEY"),
        "secret": lambda: os.environ.get("ZOOM_MEETING_SDK_SECRET"),
        "meetingNumber": lambda: req.get("meetingNumber"),
        "meetingNumberAsNumber": lambda: int(req.get("meetingNumber")),
        "role": lambda: req.get("role"),
        "expirationSeconds": lambda: req.get("expirationSeconds"),
        "videoWebRtcMode": lambda: req.get("videoWebRtcMode"),
        "participant": lambda: req.get("participant"),
        "callback": lambda: callbacks["callback"],
        "errorCallback": lambda: callbacks["errorCallback"],
    }
    if source not in values:
        raise Fault("SCRIPT_CONFIG", "unknown argument source '%s'" % source)
    return values[source]()


def pick(value):
    if not CFG.get("result"):
        return value
    for key in CFG["result"].split("."):
        if isinstance(value, dict):
            value = value.get(key)
        else:
            value = getattr(value, key, None)
    return value


def call(fn, req):
    done = threading.Event()
    outcome = {}

    def callback(*a):
        if len(a) >= 2:
            outcome["error" if a[0] is not None else "value"] = a[0] if a[0] is not None else a[1]
        elif isinstance(a[0] if a else None, BaseException):
            outcome["error"] = a[0]
        else:
            outcome["value"] = a[0] if a else None
        done.set()

    def error_callback(e):
        outcome["error"] = e
        done.set()

    callbacks = {"callback": callback, "errorCallback": error_callback}
    args = CFG["args"]
    uses_callback = "callback" in json.dumps(args)
    timeout = CFG["callTimeoutMillis"] / 1000.0
    try:
        if isinstance(args, list):
            value = fn(*[argument(s, req, callbacks) for s in args])
        else:
            value = fn(**{k: argument(s, req, callbacks) for k, s in args.items()})
        if inspect.isawaitable(value):
            value = asyncio.run(asyncio.wait_for(value, timeout))
    except Fault:
        raise
    except (asyncio.TimeoutError, TimeoutError):
        raise Fault("SCRIPT_NO_RESULT", "%s returned a coroutine that did not finish within %d ms"
                    % (CFG["function"], CFG["callTimeoutMillis"]))
    except Exception as e:
        raise Fault("SCRIPT_THREW", "%s raised %s" % (CFG["function"], describe_thrown(e)))
    if uses_callback and value is None:
        if not done.wait(timeout):
            raise Fault("SCRIPT_NO_RESULT", "%s did not call back within %d ms"
                        % (CFG["function"], CFG["callTimeoutMillis"]))
        if "error" in outcome:
            e = outcome["error"]
            raise Fault("SCRIPT_THREW", "%s called back with an error: %s" % (
                CFG["function"], describe_thrown(e) if isinstance(e, BaseException) else describe_value(e)))
        value = outcome.get("value")
    sig = pick(value)
    if not isinstance(sig, str) or sig == "":
        raise Fault("SCRIPT_NOT_STRING", "%s gave %s%s, not a signature string" % (
            CFG["function"], describe_value(value),
            " (result: %s is %s)" % (CFG["result"], describe_value(sig)) if CFG.get("result") else ""))
    return sig


def handle(fn_or_fault, line):
    try:
        req = json.loads(line)
    except ValueError:
        return {"error": "the harness got a request that is not JSON", "category": "SCRIPT_HARNESS"}
    if isinstance(fn_or_fault, Fault):
        return {"error": str(fn_or_fault), "category": fn_or_fault.category}
    zone = req.get("timeZone") or "UTC"
    os.environ["TZ"] = zone
    time.tzset()
    instant = datetime.datetime.fromtimestamp(req["nowMillis"] / 1000.0, tz=datetime.timezone.utc)
    offset = instant.astimezone(zoneinfo.ZoneInfo(zone)).utcoffset()
    try:
        # asyncio's own timers (wait_for, sleep) keep real time: freezegun would freeze its monotonic clock
        with freezegun.freeze_time(instant, tz_offset=offset, tick=CFG.get("ticking") is True, ignore=["asyncio"]):
            return {"signature": call(fn_or_fault, req)}
    except Fault as f:
        return {"error": str(f), "category": f.category}
    except Exception as e:  # the harness's own failure
        return {"error": "harness: " + describe_thrown(e), "category": "SCRIPT_HARNESS"}


def main():
    try:
        fn_or_fault = load_function()
    except Fault as f:
        fn_or_fault = f
    if "--check" in sys.argv:
        out = {"ok": True} if not isinstance(fn_or_fault, Fault) else {"error": str(fn_or_fault),
                                                                       "category": fn_or_fault.category}
        PROTOCOL.write(json.dumps(out) + "\n")
        PROTOCOL.flush()
        return 0
    for line in sys.stdin:
        PROTOCOL.write(json.dumps(handle(fn_or_fault, line)) + "\n")
        PROTOCOL.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
