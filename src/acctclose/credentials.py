"""Where the live source gets its AccessKey, and the OS keyring store behind `acctclose auth`.

Order: an aliyun CLI profile named with `--profile`; otherwise the standard chain
(environment variables, OIDC, the aliyun CLI's current profile, the credentials file),
then the key kept in the OS keyring by `acctclose auth login`, then the ECS RAM role and
a credentials URI. The keyring comes before the ECS role so that someone who logged in
does not wait for a metadata probe. The secret is never printed, logged or written.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from acctclose.errors import AcctcloseError

KEYRING_SERVICE = "acctclose"
_ID_ENTRY = "access_key_id"
_SECRET_ENTRY = "access_key_secret"

ENV_KEY_ID = "ALIBABA_CLOUD_ACCESS_KEY_ID"
ENV_KEY_SECRET = "ALIBABA_CLOUD_ACCESS_KEY_SECRET"

LOOKED_AT = (
    f"environment variables {ENV_KEY_ID}/{ENV_KEY_SECRET}, the aliyun CLI config "
    "(~/.aliyun/config.json), ~/.alibabacloud/credentials.ini, the OS keyring "
    "(acctclose auth login), the ECS RAM role"
)


class CredentialsError(AcctcloseError):
    """No usable credentials, or the keyring cannot be used."""


def mask(key_id: str) -> str:
    """Enough of an AccessKey ID to recognise it, not enough to use it."""
    if len(key_id) <= 8:
        return "*" * len(key_id)
    return f"{key_id[:4]}{'*' * (len(key_id) - 8)}{key_id[-4:]}"


# --- the keyring store ------------------------------------------------------------------


def _keyring() -> Any:
    import keyring  # imported here: only auth and the live path need it

    return keyring


def store_key(access_key_id: str, access_key_secret: str) -> None:
    access_key_id, access_key_secret = access_key_id.strip(), access_key_secret.strip()
    if not access_key_id or not access_key_secret:
        raise CredentialsError("both the AccessKey ID and the AccessKey secret are required")
    keyring = _keyring()
    try:
        keyring.set_password(KEYRING_SERVICE, _SECRET_ENTRY, access_key_secret)
        keyring.set_password(KEYRING_SERVICE, _ID_ENTRY, access_key_id)
    except keyring.errors.KeyringError as error:
        raise CredentialsError(f"cannot store the key in the OS keyring: {_kind(error)}") from None


def stored_key_id() -> str | None:
    pair = _stored_pair()
    return pair[0] if pair else None


def forget_key() -> bool:
    """Remove the stored key; False when there was none."""
    keyring = _keyring()
    removed = False
    for entry in (_ID_ENTRY, _SECRET_ENTRY):
        try:
            keyring.delete_password(KEYRING_SERVICE, entry)
            removed = True
        except keyring.errors.PasswordDeleteError:
            pass
        except keyring.errors.KeyringError as error:
            raise CredentialsError(f"cannot use the OS keyring: {_kind(error)}") from None
    return removed


def _stored_pair() -> tuple[str, str] | None:
    keyring = _keyring()
    try:
        key_id = keyring.get_password(KEYRING_SERVICE, _ID_ENTRY)
        secret = keyring.get_password(KEYRING_SERVICE, _SECRET_ENTRY)
    except keyring.errors.KeyringError as error:
        raise CredentialsError(f"cannot use the OS keyring: {_kind(error)}") from None
    return (key_id, secret) if key_id and secret else None


def _kind(error: Exception) -> str:
    # Backend messages are not ours to vouch for; the type says enough and cannot hold a secret.
    return type(error).__name__


# --- resolving credentials for the SDK --------------------------------------------------


@dataclass(frozen=True)
class ResolvedCredentials:
    """A credentials client for the SDK and a description of where it came from."""

    client: Any  # alibabacloud_credentials.client.Client
    source: str


def resolve_credentials(profile: str | None = None) -> ResolvedCredentials:
    """The first source that yields credentials; CredentialsError saying where it looked."""
    from alibabacloud_credentials import provider as providers
    from alibabacloud_credentials.client import Client
    from alibabacloud_credentials.utils import auth_util

    if profile is not None:
        try:
            chosen = providers.CLIProfileCredentialsProvider(profile_name=profile)
            chosen.get_credentials()
        except Exception as error:
            raise CredentialsError(f"aliyun CLI profile {profile!r}: {error}") from None
        return ResolvedCredentials(Client(provider=chosen), f"aliyun CLI profile {profile!r}")

    chain: list[tuple[str, Callable[[], Any]]] = [
        ("environment variables", providers.EnvironmentVariableCredentialsProvider),
    ]
    if auth_util.enable_oidc_credential:
        chain.append(("OIDC role", providers.OIDCRoleArnCredentialsProvider))
    chain += [
        ("aliyun CLI profile", providers.CLIProfileCredentialsProvider),
        ("credentials file", providers.ProfileCredentialsProvider),
        ("OS keyring (acctclose auth login)", _keyring_provider),
    ]
    if auth_util.environment_ecs_metadata_disabled.lower() != "true":
        chain.append(("ECS RAM role", providers.EcsRamRoleCredentialsProvider))
    if auth_util.environment_credentials_uri:
        chain.append(("credentials URI", providers.URLCredentialsProvider))

    for source, make in chain:
        try:
            chosen = make()
            if chosen is not None and chosen.get_credentials() is not None:
                return ResolvedCredentials(Client(provider=chosen), source)
        except Exception:  # the next source; the summary below says where we looked
            continue
    raise CredentialsError(
        f"no Alibaba Cloud credentials found (looked at: {LOOKED_AT}); "
        "run `acctclose auth login` or see docs/live.md"
    )


def _keyring_provider() -> Any:
    from alibabacloud_credentials.provider import StaticAKCredentialsProvider

    pair = _stored_pair()
    if pair is None:
        return None
    return StaticAKCredentialsProvider(access_key_id=pair[0], access_key_secret=pair[1])


def environment_key_id() -> str | None:
    """The AccessKey ID the environment provides, if any (for `auth status`)."""
    key_id = os.environ.get(ENV_KEY_ID, "").strip()
    return key_id if key_id and os.environ.get(ENV_KEY_SECRET) else None
