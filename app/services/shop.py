"""The shop profile: its name and its platform accounts, each with currency and time zone."""

from __future__ import annotations

from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.config import CURRENCIES, PLATFORMS
from app.db import Store, StoreError


class ProfileError(StoreError):
    """The profile the user entered cannot be saved as it is."""


@dataclass(frozen=True)
class AccountProfile:
    """One platform account of the shop."""

    platform: str
    handle: str
    display_name: str = ""
    currency: str = "CNY"
    timezone: str = "Asia/Shanghai"


@dataclass(frozen=True)
class ShopProfile:
    """The shop as the user described it."""

    name: str = ""
    accounts: tuple[AccountProfile, ...] = field(default_factory=tuple)


def load_profile(store: Store) -> ShopProfile:
    """The stored profile (an empty one for a new store)."""
    from sqlalchemy import select

    from app.models import Shop

    with store.session_scope() as session:
        shop = session.scalars(select(Shop).order_by(Shop.id)).first()
        if shop is None:
            return ShopProfile()
        accounts = tuple(
            AccountProfile(a.platform, a.handle, a.display_name, a.currency, a.timezone)
            for a in shop.accounts
        )
        return ShopProfile(shop.name, accounts)


def validate_profile(profile: ShopProfile) -> None:
    """Raise :class:`ProfileError` naming the first thing that is wrong."""
    if not profile.name.strip():
        raise ProfileError("The shop needs a name (it is printed on reports).")
    seen: set[tuple[str, str]] = set()
    for n, account in enumerate(profile.accounts, start=1):
        where = f"Account {n}"
        if account.platform not in PLATFORMS:
            raise ProfileError(f"{where}: unknown platform {account.platform!r}.")
        if not account.handle.strip():
            raise ProfileError(f"{where}: the account handle is empty.")
        if account.currency not in CURRENCIES:
            raise ProfileError(f"{where}: unknown currency {account.currency!r}.")
        try:
            ZoneInfo(account.timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ProfileError(f"{where}: unknown time zone {account.timezone!r}.") from exc
        key = (account.platform, account.handle.strip())
        if key in seen:
            raise ProfileError(f"{where}: {account.platform} {account.handle!r} is listed twice.")
        seen.add(key)


def save_profile(store: Store, profile: ShopProfile) -> None:
    """Replace the stored profile with ``profile`` (accounts matched by platform and handle)."""
    from sqlalchemy import select

    from app.models import Account, Shop

    validate_profile(profile)
    with store.session_scope() as session:
        shop = session.scalars(select(Shop).order_by(Shop.id)).first()
        if shop is None:
            shop = Shop(name=profile.name.strip())
            session.add(shop)
        shop.name = profile.name.strip()
        existing = {(a.platform, a.handle): a for a in shop.accounts}
        wanted = {(a.platform, a.handle.strip()): a for a in profile.accounts}
        for key, account in existing.items():
            if key not in wanted:
                shop.accounts.remove(account)
        session.flush()
        for key, entered in wanted.items():
            account = existing.get(key) or Account(platform=key[0], handle=key[1])
            account.display_name = entered.display_name.strip()
            account.currency = entered.currency
            account.timezone = entered.timezone
            if key not in existing:
                shop.accounts.append(account)
