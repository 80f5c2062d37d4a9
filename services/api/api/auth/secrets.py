"""Passwords (Argon2, through pwdlib) and bearer tokens (random, stored as SHA-256).

A token has 256 random bits, so a fast hash is enough to keep a stolen table useless; a
password is chosen by a person, so it gets a slow, salted, memory-hard one.
"""

import hashlib
import hmac
import secrets

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

TOKEN_PREFIX = "bk_"  # noqa: S105 (tells our tokens apart in secret scanners)
_hasher = PasswordHash((Argon2Hasher(),))
# Checked when the account does not exist, so that a wrong name costs as long as a wrong
# password and the timing tells nothing.
_DUMMY_HASH = _hasher.hash("no account has this password")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    if password_hash is None:
        _hasher.verify(password, _DUMMY_HASH)
        return False
    return _hasher.verify(password, password_hash)


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def same_secret(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode(), expected.encode())


def generated_password() -> str:
    return secrets.token_urlsafe(15)
