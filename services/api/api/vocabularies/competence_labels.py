"""Dutch and English labels of the competence vocabularies (scales, levels, perspectives)
and of the kinds of qualitative record."""

from api.vocabularies.models import (
    AssessmentPerspective,
    CompetencyScale,
    ProficiencyLevel,
    RecordKind,
)
from api.vocabularies.vocabulary import Vocabulary

COMPETENCE_VOCABULARIES: tuple[Vocabulary, ...] = (
    Vocabulary(CompetencyScale, "Beoordelingsschaal", "Assessment scale",
               "Hoe de competenties van een kader worden beoordeeld.", {
        CompetencyScale.SCORE: ("Score 1–5", "Score 1–5"),
        CompetencyScale.LEVEL: ("Bekwaamheidsniveau (startbekwaam, vakbekwaam, vakvolwassen)",
                                "Proficiency level (starting, competent, expert)"),
    }),
    Vocabulary(ProficiencyLevel, "Bekwaamheidsniveau", "Proficiency level",
               "Groei in het vak, van net begonnen tot ervaren en zelfstandig.", {
        ProficiencyLevel.STARTBEKWAAM: ("Startbekwaam", "Starting"),
        ProficiencyLevel.VAKBEKWAAM: ("Vakbekwaam", "Competent"),
        ProficiencyLevel.VAKVOLWASSEN: ("Vakvolwassen", "Expert"),
    }, ordered=True),
    Vocabulary(AssessmentPerspective, "Perspectief", "Perspective",
               "Wie de beoordeling gaf.", {
        AssessmentPerspective.SELF: ("Zelfbeoordeling", "Self-assessment"),
        AssessmentPerspective.PEER: ("Collega", "Peer"),
        AssessmentPerspective.MANAGER: ("Leidinggevende", "Manager"),
        AssessmentPerspective.RESIDENT: ("Bewoner", "Resident"),
    }),
    Vocabulary(RecordKind, "Soort verslag", "Kind of record",
               "Kwalitatief onderzoeksmateriaal bij initiatieven en professionals.", {
        RecordKind.CASE_STUDY: ("Casestudy", "Case study"),
        RecordKind.INTERVIEW: ("Diepte-interview", "In-depth interview"),
        RecordKind.HANDELINGSBESCHRIJVING: ("Handelingsbeschrijving",
                                            "Description of the actions"),
        RecordKind.EXPERT_MEETING: ("Expertmeeting", "Expert meeting"),
        RecordKind.INTERVISION: ("Intervisie", "Peer consultation (intervision)"),
        RecordKind.OBSERVATION: ("Observatie", "Observation"),
    }),
)
