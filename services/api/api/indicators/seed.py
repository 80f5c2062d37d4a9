"""The indicator catalogue of the domain reference §3: monitors, scales, registrations."""

import uuid

from sqlmodel import Session, select

from api.indicators.models import Indicator, IndicatorCreate
from api.vocabularies.models import IndicatorLevel as Level
from api.vocabularies.models import IndicatorTheme as Theme
from api.vocabularies.models import ScaleType as Scale

WIA = "Wonen in Amsterdam"
VM = "Veiligheidsmonitor"
LBM = "Leefbaarometer"
SDS = "De Staat van de Stad"
ZRM = "Zelfredzaamheid-Matrix (ZRM)"
HAPEREN = "Effecten van participatie meten (Van Haperen 2014)"
REGISTRATION = "Registratie van het initiatief"

# The range each scale runs over; None where it has no natural bound.
SCALE_RANGE: dict[Scale, tuple[float | None, float | None]] = {
    Scale.RAPPORTCIJFER: (1, 10), Scale.SCORE_0_10: (0, 10), Scale.LIKERT_1_5: (1, 5),
    Scale.PERCENTAGE: (0, 100), Scale.AANTAL: (0, None), Scale.LADDER_1_6: (1, 6),
    Scale.ZRM_1_5: (1, 5), Scale.EURO: (0, None), Scale.INDEX: (None, None),
}

# (code, name, theme, level, scale, higher is better, source, description)
CATALOGUE: tuple[tuple[str, str, Theme, Level, Scale, bool, str, str], ...] = (
    ("wia-rapportcijfer-buurt", "Rapportcijfer buurt", Theme.LEEFOMGEVING, Level.BUURT,
     Scale.RAPPORTCIJFER, True, WIA,
     "Gemiddeld rapportcijfer dat bewoners hun buurt geven (schoon, heel, veilig en prettig "
     "samenleven); stad 7,2 in 2007."),
    ("wia-tevredenheid-woning", "Tevredenheid met de woning", Theme.LEEFOMGEVING, Level.BUURT,
     Scale.RAPPORTCIJFER, True, WIA, "Rapportcijfer voor de eigen woning (BBGA wwoning_r)."),
    ("vm-sociale-cohesie", "Sociale cohesie", Theme.SOCIALE_COHESIE, Level.BUURT,
     Scale.SCORE_0_10, True, VM,
     "Schaalscore uit stellingen als 'de mensen kennen elkaar nauwelijks' (omgekeerd) en 'ik "
     "voel me thuis bij de mensen in deze buurt'; Nederland 6,4 in 2021."),
    ("cbs-binding-buurt", "Binding met de buurt", Theme.SOCIALE_COHESIE, Level.BEWONER,
     Scale.LIKERT_1_5, True, "CBS",
     "Gemiddelde van zes stellingen (contact met buurtbewoners, prettige omgang, gezellige "
     "buurt, elkaar kennen, bevolkingssamenstelling, thuis voelen); 1 heel laag – 5 heel hoog."),
    ("lbm-totaalscore", "Leefbaarometer totaalscore", Theme.LEEFOMGEVING, Level.BUURT,
     Scale.INDEX, True, LBM,
     "Voorspelde leefbaarheid als afwijking van het landelijk gemiddelde (rlbrmtr)."),
    ("lbm-woningen", "Leefbaarometer dimensie woningen", Theme.LEEFOMGEVING, Level.BUURT,
     Scale.INDEX, True, LBM, "Afwijking van het landelijk gemiddelde (rlbwon)."),
    ("lbm-bewoners", "Leefbaarometer dimensie bewoners", Theme.SOCIALE_COHESIE, Level.BUURT,
     Scale.INDEX, True, LBM, "Afwijking van het landelijk gemiddelde (rlbbev)."),
    ("lbm-voorzieningen", "Leefbaarometer dimensie voorzieningen", Theme.LEEFOMGEVING,
     Level.BUURT, Scale.INDEX, True, LBM, "Afwijking van het landelijk gemiddelde (rlbvrz)."),
    ("lbm-veiligheid", "Leefbaarometer dimensie veiligheid", Theme.VEILIGHEID, Level.BUURT,
     Scale.INDEX, True, LBM, "Afwijking van het landelijk gemiddelde (rlbvei)."),
    ("lbm-fysieke-omgeving", "Leefbaarometer dimensie fysieke omgeving", Theme.LEEFOMGEVING,
     Level.BUURT, Scale.INDEX, True, LBM, "Afwijking van het landelijk gemiddelde (rlbfys)."),
    ("sds-betrokkenheid-buurt", "Betrokkenheid bij de buurt", Theme.SOCIALE_COHESIE,
     Level.BEWONER, Scale.RAPPORTCIJFER, True, SDS,
     "Rapportcijfer voor de eigen betrokkenheid bij de buurt (BBGA lbetrokken_r)."),
    ("sds-veilig-avond", "Veilig 's avonds op straat", Theme.VEILIGHEID, Level.BEWONER,
     Scale.RAPPORTCIJFER, True, SDS,
     "Rapportcijfer voor hoe veilig men zich 's avonds in de buurt voelt (vveiligavond_r)."),
    ("sds-onveilig-eigen-buurt", "Onveilig in de eigen buurt", Theme.VEILIGHEID, Level.BUURT,
     Scale.PERCENTAGE, False, SDS, "Percentage bewoners dat zich onveilig voelt in de eigen "
     "buurt (stad 28%)."),
    ("sds-ervaren-verloedering", "Ervaren verloedering", Theme.LEEFOMGEVING, Level.BUURT,
     Scale.PERCENTAGE, False, SDS, "Percentage bewoners dat verloedering ervaart (stad 23%)."),
    ("sds-vertrouwen-buurtgenoten", "Vertrouwen in buurtgenoten", Theme.SOCIALE_COHESIE,
     Level.BUURT, Scale.PERCENTAGE, True, SDS,
     "Percentage bewoners met redelijk of veel vertrouwen in buurtgenoten."),
    ("sds-omgang-verschillen", "Goede omgang met verschillen", Theme.SOCIALE_COHESIE,
     Level.BUURT, Scale.PERCENTAGE, True, SDS,
     "Percentage dat vindt dat buurtbewoners goed omgaan met culturele verschillen."),
    ("sds-inzet-voor-buurt", "Inzet voor de buurt", Theme.SOCIALE_COHESIE, Level.BUURT,
     Scale.PERCENTAGE, True, SDS,
     "Percentage bewoners dat zich inzet voor buurt of wonen (ongeveer 25% in 2018)."),
    ("participatieladder", "Trede op de participatieladder", Theme.WELZIJN, Level.BEWONER,
     Scale.LADDER_1_6, True, "Participatieladder",
     "1 geïsoleerd, 2 sociale contacten buitenshuis, 3 georganiseerde activiteiten, "
     "4 onbetaald werk, 5 betaald werk met ondersteuning, 6 betaald werk."),
    ("zrm-sociaal-netwerk", "Zelfredzaamheid: sociaal netwerk", Theme.WELZIJN, Level.BEWONER,
     Scale.ZRM_1_5, True, ZRM,
     "1 acute problematiek, 2 niet, 3 beperkt, 4 voldoende, 5 volledig zelfredzaam."),
    ("zrm-maatschappelijke-participatie", "Zelfredzaamheid: maatschappelijke participatie",
     Theme.WELZIJN, Level.BEWONER, Scale.ZRM_1_5, True, ZRM,
     "1 acute problematiek, 2 niet, 3 beperkt, 4 voldoende, 5 volledig zelfredzaam."),
    ("zrm-dagbesteding", "Zelfredzaamheid: dagbesteding", Theme.WELZIJN, Level.BEWONER,
     Scale.ZRM_1_5, True, ZRM,
     "1 acute problematiek, 2 niet, 3 beperkt, 4 voldoende, 5 volledig zelfredzaam."),
    ("eenzaamheid", "Eenzaamheid", Theme.WELZIJN, Level.BEWONER, Scale.PERCENTAGE, False,
     "Gebiedsanalyse (O+S)", "Percentage bewoners dat zich eenzaam voelt."),
    ("vertrouwen-bestuur", "Vertrouwen in het bestuur", Theme.BEWONER_BESTUUR, Level.BEWONER,
     Scale.PERCENTAGE, True, HAPEREN,
     "Percentage bewoners met vertrouwen in stadsdeel en gemeente."),
    ("deelname-activiteiten", "Deelname aan activiteiten", Theme.KENMERKEN_INITIATIEF,
     Level.BEWONER, Scale.PERCENTAGE, True, HAPEREN,
     "Percentage bewoners dat aan activiteiten van het initiatief deelnam."),
    ("aantal-deelnemers", "Aantal deelnemers", Theme.KENMERKEN_INITIATIEF, Level.INITIATIEF,
     Scale.AANTAL, True, REGISTRATION, "Deelnemers of bezoekers van het initiatief."),
    ("aantal-vrijwilligers", "Aantal vrijwilligers", Theme.KENMERKEN_INITIATIEF,
     Level.INITIATIEF, Scale.AANTAL, True, REGISTRATION,
     "Bewoners die als vrijwilliger meewerken."),
    ("nieuwe-actieve-bewoners", "Nieuwe actieve bewoners", Theme.KENMERKEN_INITIATIEF,
     Level.INITIATIEF, Scale.AANTAL, True, REGISTRATION,
     "Bewoners die voor het eerst actief werden, buiten de vaste vertegenwoordigers."),
    ("waarde-vrijwilligerswerk", "Waarde van het vrijwilligerswerk", Theme.KENMERKEN_INITIATIEF,
     Level.INITIATIEF, Scale.EURO, True, "Maatschappelijk rendement (SROI)",
     "Vrijwilligersuren maal een uurtarief, in euro."),
)


def catalogue() -> list[IndicatorCreate]:
    """The catalogue as validated create shapes (so a typo in it fails loudly)."""
    found = []
    for code, name, theme, level, scale, higher, source, description in CATALOGUE:
        low, high = SCALE_RANGE[scale]
        found.append(IndicatorCreate(
            code=code, name=name, description=description, theme=theme, level=level,
            scale_type=scale, scale_min=low, scale_max=high, higher_is_better=higher,
            source=source))
    return found


CATALOGUE_NAMESPACE = uuid.UUID("0c4a1d52-7a55-4c1e-9b7e-3f1d2a6b8c00")


def catalogue_id(code: str) -> uuid.UUID:
    """The same id for a catalogue indicator in every database (as areas have)."""
    return uuid.uuid5(CATALOGUE_NAMESPACE, code)


def seed_indicators(session: Session) -> int:
    """Add the catalogue indicators whose code is not stored yet; returns how many were added."""
    stored = set(session.exec(select(Indicator.code)).all())
    missing = [Indicator.model_validate(item, update={"id": catalogue_id(item.code)})
               for item in catalogue() if item.code not in stored]
    session.add_all(missing)
    session.commit()
    return len(missing)
