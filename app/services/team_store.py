"""A team's server store as this computer remembers it, and a connection test before using it.

The window keeps the server's URL (without its password) in the user's settings; the password goes
to the OS keyring when there is one, else into the settings file (and Settings says so). URLs here
are taken apart with the standard library: the start-up path reads them before SQLAlchemy loads.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from app.config import describe_url, is_database_url, server_url
from app.db import StoreError

KEYRING_SERVICE = "ShopReel server password"
CONNECT_TIMEOUT_S = 8
SERVER_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")


@dataclass(frozen=True)
class ServerProbe:
    """What a connection test found on the server.

    Attributes:
        version: the server's version (``16.4``).
        revision: the ShopReel schema revision there, or None for an empty database.
        shop_name: the shop's name there ("" when not set, None when there is no ShopReel yet).
    """

    version: str
    revision: str | None
    shop_name: str | None


def check_server_url(text: str) -> str:
    """The URL as typed, trimmed, if it names a PostgreSQL database; else a StoreError says why."""
    url = text.strip()
    parts = urlsplit(url) if is_database_url(url) else None
    if parts is None or parts.scheme not in SERVER_SCHEMES:
        raise StoreError(
            "A team server's address looks like postgresql://user:password@host:5432/shop."
        )
    if not parts.hostname or not parts.path.strip("/"):
        raise StoreError(
            "The address needs the server's host and the database's name "
            "(postgresql://user:password@host:5432/shop)."
        )
    return url


def split_password(url: str) -> tuple[str, str | None]:
    """The URL without its password, and the password (None when it has none)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url, None
    user = parts.username or ""
    host = parts.netloc.rpartition("@")[2]
    netloc = f"{user}@{host}" if user else host
    return urlunsplit(parts._replace(netloc=netloc)), unquote(parts.password)


def with_password(url: str, password: str | None) -> str:
    """The URL with ``password`` put in (unchanged when None or when it carries one already)."""
    parts = urlsplit(url)
    if password is None or parts.password is not None:
        return url
    user, _, host = parts.netloc.rpartition("@")
    if not user:
        return url
    netloc = f"{user}:{quote(password, safe='')}@{host}"
    return urlunsplit(parts._replace(netloc=netloc))


def keyring_password(url: str) -> str | None:
    """The password kept in the OS keyring for ``url`` (without password), or None."""
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(KEYRING_SERVICE, url)
    except KeyringError:
        return None


def save_keyring_password(url: str, password: str) -> None:
    """Keep the server's password in the OS keyring under its URL (without password)."""
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, url, password)
    except KeyringError as exc:
        raise StoreError(f"The keyring could not keep the password ({exc}).") from exc


def probe_server(url: str) -> ServerProbe:
    """Connect to the server store at ``url`` and read its version, schema revision and shop.

    Nothing is written. Raises StoreError with the server's own reason when it cannot be used.
    """
    from sqlalchemy import create_engine, inspect, text
    from sqlalchemy.exc import DBAPIError

    try:
        engine = create_engine(
            server_url(check_server_url(url)),
            connect_args={"connect_timeout": CONNECT_TIMEOUT_S},
            hide_parameters=True,
        )
    except ModuleNotFoundError as exc:
        raise StoreError(
            "This installation of ShopReel cannot reach a team server: its PostgreSQL driver "
            "is missing (pip install 'shopreel[team]')."
        ) from exc
    try:
        with engine.connect() as conn:
            version = str(conn.execute(text("SHOW server_version")).scalar_one()).split()[0]
            tables = set(inspect(conn).get_table_names())
            revision = None
            if "alembic_version" in tables:
                revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            shop = None
            if "shops" in tables:
                shop = conn.execute(text("SELECT name FROM shops ORDER BY id LIMIT 1")).scalar()
                shop = shop or ""
    except DBAPIError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise StoreError(f"{describe_url(url)} cannot be reached: {reason}") from exc
    finally:
        engine.dispose()
    return ServerProbe(version, revision, shop)
