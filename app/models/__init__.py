"""The ORM tables of the whole data model (DESIGN.md), one module per area."""

from app.models.base import Base
from app.models.campaigns import Campaign, CampaignTarget
from app.models.content import ContentPillar, Persona, PlanItem, Template
from app.models.customers import (
    Customer,
    CustomerIdentity,
    CustomerMerge,
    CustomerTier,
    TierRule,
    Touch,
)
from app.models.experiments import Experiment, ExperimentMember
from app.models.importing import ImportChange, MappingTemplate
from app.models.imports import ImportBatch
from app.models.orders import Order, Product, Review
from app.models.shop import Account, Shop
from app.models.traffic import AccountDaily, AdSpend, Comment, Video, VideoSnapshot

__all__ = [
    "Account",
    "AccountDaily",
    "AdSpend",
    "Base",
    "Campaign",
    "CampaignTarget",
    "Comment",
    "ContentPillar",
    "Customer",
    "CustomerIdentity",
    "CustomerMerge",
    "CustomerTier",
    "Experiment",
    "ExperimentMember",
    "ImportBatch",
    "ImportChange",
    "MappingTemplate",
    "Order",
    "Persona",
    "PlanItem",
    "Product",
    "Review",
    "Shop",
    "Template",
    "TierRule",
    "Touch",
    "Video",
    "VideoSnapshot",
]
