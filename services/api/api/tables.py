"""Every table module, imported once so SQLModel.metadata knows the whole schema."""

from sqlmodel import SQLModel

from api import data_version
from api.areas import models as areas
from api.audit import models as audit
from api.auth import models as auth
from api.competences import models as competences
from api.evaluations import models as evaluations
from api.follow_ups import models as follow_ups
from api.imports import models as imports
from api.indicators import models as indicators
from api.initiatives import models as initiatives
from api.method_book import models as method_book
from api.professionals import models as professionals
from api.qualitative import models as qualitative
from api.support_episodes import models as support_episodes

metadata = SQLModel.metadata
__all__ = ["areas", "audit", "auth", "competences", "data_version", "evaluations", "follow_ups",
           "imports", "indicators", "initiatives", "metadata", "method_book", "professionals",
           "qualitative", "support_episodes"]
