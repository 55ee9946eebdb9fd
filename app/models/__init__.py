"""The ORM tables of the whole data model (DESIGN.md), one module per area."""

from app.models.audit import ChangeLog, StoreLock
from app.models.base import Base
from app.models.campaigns import Campaign, CampaignTarget, CrisisAlert, UgcPost
from app.models.content import ContentPillar, Persona, PlanItem, Template
from app.models.customers import (
    Customer,
    CustomerIdentity,
    CustomerMerge,
    CustomerTier,
    MergeRejection,
    TierRule,
    Touch,
)
from app.models.experiments import Experiment, ExperimentMember, ExperimentVariant
from app.models.importing import ImportChange, MappingTemplate
from app.models.imports import ImportBatch
from app.models.orders import ChannelCode, Order, Product, ProductCost, Review
from app.models.shop import Account, Shop, StoreSetting
from app.models.traffic import AccountDaily, AdSpend, Comment, Video, VideoSnapshot

__all__ = [
    "Account",
    "AccountDaily",
    "AdSpend",
    "Base",
    "Campaign",
    "CampaignTarget",
    "ChangeLog",
    "ChannelCode",
    "Comment",
    "ContentPillar",
    "CrisisAlert",
    "Customer",
    "CustomerIdentity",
    "CustomerMerge",
    "CustomerTier",
    "Experiment",
    "ExperimentMember",
    "ExperimentVariant",
    "ImportBatch",
    "ImportChange",
    "MappingTemplate",
    "MergeRejection",
    "Order",
    "Persona",
    "PlanItem",
    "Product",
    "ProductCost",
    "Review",
    "Shop",
    "StoreLock",
    "StoreSetting",
    "Template",
    "TierRule",
    "Touch",
    "UgcPost",
    "Video",
    "VideoSnapshot",
]
