"""PINs and passwords: checked for strength, stored only as a salted slow hash.

The hash is scrypt (RFC 7914, in the standard library) with a random 16-byte
salt; the stored text carries its parameters so they can be raised later
without invalidating existing PINs::

    scrypt$16384$8$1$<salt base64>$<hash base64>
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from depot_app.domain.errors import ValidationError

SCHEME = "scrypt"
#: Cost parameters: about 50 ms and 16 MB per check on a desk PC, so guessing
#: a 6-digit PIN offline takes hours per operator instead of microseconds.
N, R, P = 2**14, 8, 1
MIN_LENGTH = 4
MAX_LENGTH = 64


def check_strength(secret: str) -> str:
    """The secret to store, or a ValidationError a person can act on."""
    if not isinstance(secret, str) or len(secret) < MIN_LENGTH:
        raise ValidationError(f"A PIN or password needs at least {MIN_LENGTH} characters.",
                              f"PIN 或密码至少 {MIN_LENGTH} 位。", field="secret")
    if len(secret) > MAX_LENGTH:
        raise ValidationError(f"A PIN or password can have at most {MAX_LENGTH} characters.",
                              f"PIN 或密码最多 {MAX_LENGTH} 位。", field="secret")
    if secret != secret.strip():
        raise ValidationError("A PIN or password cannot start or end with a space.",
                              "PIN 或密码的开头和结尾不能是空格。", field="secret")
    if len(set(secret)) == 1:
        raise ValidationError("A PIN of one repeated character is too easy to guess.",
                              "由同一个字符重复组成的 PIN 太容易被猜到。", field="secret")
    if secret.isdigit() and (secret in "01234567890" or secret in "09876543210"):
        raise ValidationError("A PIN of consecutive digits (1234, 4321) is too easy to guess.",
                              "连续数字（如 1234、4321）组成的 PIN 太容易被猜到。", field="secret")
    return secret


def hash_secret(secret: str, *, salt: bytes | None = None) -> str:
    """The storable text for ``secret`` (call :func:`check_strength` first)."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.scrypt(secret.encode("utf-8"), salt=salt, n=N, r=R, p=P, maxmem=64 * 1024 * 1024,
                            dklen=32)
    return "$".join((SCHEME, str(N), str(R), str(P), base64.b64encode(salt).decode("ascii"),
                     base64.b64encode(digest).decode("ascii")))


def verify_secret(secret: str, stored: str | None) -> bool:
    """Whether ``secret`` matches ``stored``; False for anything unreadable."""
    if not stored:
        return False
    try:
        scheme, n, r, p, salt_b64, digest_b64 = stored.split("$")
        if scheme != SCHEME:
            return False
        salt = base64.b64decode(salt_b64, validate=True)
        expected = base64.b64decode(digest_b64, validate=True)
        digest = hashlib.scrypt(secret.encode("utf-8"), salt=salt, n=int(n), r=int(r), p=int(p),
                                maxmem=64 * 1024 * 1024, dklen=len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest, expected)
