"""The fixed part of the demo shop: profile, accounts, products, content setup and tier rules.

Products are facts here: the importer creates them from the order exports (抖店 商品ID, TikTok
Shop SKU ID); only their list prices, which no export carries, are written directly.
"""

from __future__ import annotations

from app.demo import vocab
from app.demo.world import ProductInfo, World
from app.models import (
    Account,
    ContentPillar,
    Persona,
    Shop,
    Template,
    TierRule,
)
from app.services.plan import builtin_templates

# name, min_orders, min_spend_cents, top_share, first_order_within_days, silent_days, match_any,
# discount_pct, priority_shipping, gift: DESIGN.md's default tiers in precedence order (first
# match wins): 已流失 > 流失预警 > VIP > 高价值 > 老客 > 新客.
TIER_RULES = (
    ("已流失", None, None, None, None, 90, False, 15.0, False, "¥30回归券+包邮"),
    ("流失预警", None, None, None, None, 30, False, 10.0, False, "¥20回归券"),
    ("VIP", 5, 300000, None, None, None, True, 12.0, True, "定制刺绣枕套一对"),
    ("高价值", None, None, 0.2, None, None, False, 8.0, True, "专属客服"),
    ("老客", 2, None, None, None, None, False, 5.0, False, ""),
    ("新客", None, None, None, 30, None, False, 0.0, False, "新客试用装：纯棉洗脸巾"),
)


def make_shop(world: World) -> None:
    """The shop profile and its five platform accounts (the 达人 ids the order exports print)."""
    shop_id = world.add(Shop, {"name": vocab.SHOP_NAME})
    for platform, (handle, display, currency, tz, _followers) in vocab.ACCOUNTS.items():
        row = {
            "shop_id": shop_id,
            "platform": platform,
            "handle": handle,
            "display_name": display,
            "currency": currency,
            "timezone": tz,
        }
        world.add(Account, row)
        world.accounts[platform] = row
    world.author_ids[vocab.ACCOUNTS["douyin"][1]] = world.digits(16, "65")
    for author in vocab.AFFILIATE_AUTHORS:
        world.author_ids[author] = world.digits(16, "7")


def make_products(world: World) -> None:
    """About thirty products: 抖店 ones in CNY and a few TikTok Shop ones (one SKU a variation)."""
    specs = [
        ("douyin", "CNY", p[0], p[1], p[2], p[3] * 100, p[4], p[5]) for p in vocab.DOUYIN_PRODUCTS
    ]
    specs += [("tiktok", "USD", *p) for p in vocab.TIKTOK_PRODUCTS]
    for index, (platform, currency, name, short, code, price, popularity, variations) in enumerate(
        specs, start=1
    ):
        douyin = platform == "douyin"
        info = ProductInfo(
            index,
            platform,
            world.digits(19, "36") if douyin else "",
            name,
            short,
            price,
            currency,
            popularity,
            variations,
            seller_code=f"YD-{code}-{index:03d}" if douyin else code,
        )
        if not douyin:
            for variation in variations:
                initials = "".join(w[0] for w in variation.replace(",", " ").split()).upper()
                info.skus[variation] = (world.digits(19, "17"), f"{code}-{initials}")
        world.products.append(info)


def make_content_setup(world: World) -> None:
    """Content pillars, target personas, the shop's own formats and the built-in structures.

    The formats the videos are made in (:data:`vocab.TEMPLATES`) come first; the built-in
    structures the shop has not written its own version of follow, as
    :func:`app.services.plan.ensure_builtin_templates` would add them.
    """
    for name, description, color, differentiation in vocab.PILLARS:
        row = {
            "name": name,
            "description": description,
            "color": color,
            "differentiation": differentiation,
        }
        world.pillars[name] = world.add(ContentPillar, row)
    for name, age_band, region, interests, notes, gender_mix, pain_points in vocab.PERSONAS:
        row = {
            "name": name,
            "age_band": age_band,
            "region": region,
            "interests": interests,
            "notes": notes,
            "gender_mix": gender_mix,
            "pain_points": pain_points,
        }
        world.personas.append(world.add(Persona, row))
    builtin = {t.name: t for t in builtin_templates()}
    for name, steps, duration, notes in vocab.TEMPLATES:
        if name in builtin:  # the shop uses the built-in version as it comes
            steps, duration, notes = (
                "\n".join(builtin[name].steps),
                builtin[name].duration_s,
                builtin[name].notes,
            )
        _add_template(world, name, steps, duration, notes)
    for template in builtin.values():
        if template.name not in world.templates:
            steps = "\n".join(template.steps)
            _add_template(world, template.name, steps, template.duration_s, template.notes)


def _add_template(world: World, name: str, steps: str, duration: int | None, notes: str) -> None:
    row = {"name": name, "steps": steps, "duration_s": duration, "notes": notes}
    world.templates[name] = world.add(Template, row)
    world.template_steps[name] = tuple(steps.split("\n"))
    world.template_lengths[name] = duration


def make_tier_rules(world: World) -> None:
    """DESIGN.md's default tiers, in precedence order, with their benefits."""
    for position, rule in enumerate(TIER_RULES, start=1):
        name, orders, spend, share, first_within, silent, match_any, discount, priority, gift = rule
        world.add(
            TierRule,
            {
                "position": position,
                "name": name,
                "min_orders": orders,
                "min_spend_cents": spend,
                "top_share": share,
                "first_order_within_days": first_within,
                "silent_days": silent,
                "match_any": match_any,
                "discount_pct": discount,
                "priority_shipping": priority,
                "gift": gift,
                "active": True,
            },
        )
