"""A Meeting SDK signature minted with PyJWT, the way many Python backends and scripts do it.

Our own code, written for sigload's examples: nothing here knows it is being tested. sigload's
`python` signer calls these functions unchanged, each participant's clock frozen at that
participant's instant (freezegun) and its time zone set (TZ), so the bug below shows up only for
the participants it would hit in production.

  generate_signature        iat from datetime.utcnow().timestamp(): utcnow() returns a NAIVE
                            datetime, and .timestamp() reads a naive datetime as LOCAL time, so
                            iat is off by the machine's UTC offset. On a UTC machine (most CI,
                            most containers) it is right; elsewhere it is hours off: west of UTC
                            iat is in the future (IAT_IN_FUTURE), east of UTC hours in the past
                            (EXPIRED once the offset passes the token's lifetime).
  generate_signature_fixed  iat = int(time.time()): seconds since the epoch, whatever the zone.

Needs PyJWT (Debian/Ubuntu: apt-get install -y python3-jwt).
"""
import time
from datetime import datetime

import jwt


def _sign(sdk_key, sdk_secret, meeting_number, role, iat, lifetime):
    exp = iat + (lifetime or 7200)
    payload = {
        "appKey": sdk_key,
        "sdkKey": sdk_key,
        "mn": meeting_number,
        "role": role,
        "iat": iat,
        "exp": exp,
        "tokenExp": exp,
    }
    return jwt.encode(payload, sdk_secret, algorithm="HS256")


def generate_signature(sdk_key, sdk_secret, meeting_number, role, lifetime=7200):
    iat = int(datetime.utcnow().timestamp()) - 30
    return _sign(sdk_key, sdk_secret, meeting_number, role, iat, lifetime)


def generate_signature_fixed(sdk_key, sdk_secret, meeting_number, role, lifetime=7200):
    iat = int(time.time()) - 30
    return _sign(sdk_key, sdk_secret, meeting_number, role, iat, lifetime)
