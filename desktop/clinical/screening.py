"""Low-back red-flag screening (clinical-reference.md §10; codes fixed by design.md).

Cauda-equina items block the exercise program and switch the letter to an
urgent medical referral. Every other item needs the clinician's
acknowledgement before a report is exported.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RedFlag:
    code: str
    label: str
    domain: str
    cauda_equina: bool


# Wording paraphrases the GIRFT national CES pathway and the Gloucestershire NHS
# red-flag list (clinical-reference.md §10.2); IFOMPT framework, Finucane 2020.
RED_FLAGS: tuple[RedFlag, ...] = (
    RedFlag(
        "ces_bladder", "New or worsening difficulty passing urine, or altered urine sensation", "Cauda equina", True
    ),
    RedFlag(
        "ces_saddle_anaesthesia",
        "Numbness or altered feeling in the saddle area (genitals, back passage, buttocks)",
        "Cauda equina",
        True,
    ),
    RedFlag(
        "ces_bowel",
        "Loss of bowel control, unexpected looseness of the back passage, or loss of the feeling of rectal fullness",
        "Cauda equina",
        True,
    ),
    RedFlag("ces_sexual", "New problems with sexual function", "Cauda equina", True),
    RedFlag("ces_bilateral_neuro", "Severe or worsening weakness or numbness in both legs", "Cauda equina", True),
    RedFlag("ces_bilateral_sciatica", "Sciatica (leg pain) in both legs", "Cauda equina", True),
    RedFlag("cancer_history", "Past history of cancer", "Possible cancer", False),
    RedFlag("unexplained_weight_loss", "Weight loss without a known reason", "Possible cancer", False),
    RedFlag("night_pain", "Constant night pain not eased by changing position", "Possible cancer", False),
    RedFlag("age_new_onset", "New back pain starting under age 20 or over 50", "Possible cancer", False),
    RedFlag("fever", "Fever, chills or sweats", "Possible infection", False),
    RedFlag("immunosuppression", "Weakened immune system (e.g. medicines, illness)", "Possible infection", False),
    RedFlag("iv_drug_use", "Intravenous drug use", "Possible infection", False),
    RedFlag("recent_infection", "Recent bacterial infection or penetrating wound", "Possible infection", False),
    RedFlag(
        "major_trauma",
        "Pain began after major trauma (e.g. fall from height, road accident)",
        "Possible fracture",
        False,
    ),
    RedFlag("minor_trauma_osteoporosis", "Minor trauma with known or likely osteoporosis", "Possible fracture", False),
    RedFlag("long_term_corticosteroids", "Long-term corticosteroid use", "Possible fracture", False),
    RedFlag("structural_deformity", "Visible structural deformity of the spine", "Possible fracture", False),
    RedFlag("progressive_neuro_deficit", "Progressive loss of sensation or strength", "Progressive neurology", False),
)

# What each non-urgent domain asks of the doctor (clinical-reference §10.2: cancer and
# infection "urgent medical referral", fracture "medical referral / imaging", progressive
# neurology "medical referral").
FLAG_ACTIONS: dict[str, str] = {
    "Possible cancer": "an urgent medical review",
    "Possible infection": "an urgent medical review",
    "Possible fracture": "a medical review, with imaging if you judge it needed,",
    "Progressive neurology": "a medical review",
}

RED_FLAG_CODES: frozenset[str] = frozenset(f.code for f in RED_FLAGS)
CAUDA_EQUINA_CODES: frozenset[str] = frozenset(f.code for f in RED_FLAGS if f.cauda_equina)
RED_FLAGS_BY_CODE: dict[str, RedFlag] = {f.code: f for f in RED_FLAGS}


def red_flag_block(codes: tuple[str, ...] | list[str]) -> bool:
    """True when any cauda-equina item is present: no program, urgent referral letter."""
    return any(code in CAUDA_EQUINA_CODES for code in codes)


def needs_acknowledgement(codes: tuple[str, ...] | list[str], acknowledged: bool) -> bool:
    """True while non-urgent flags are present and the clinician has not reviewed them."""
    return not acknowledged and any(code not in CAUDA_EQUINA_CODES for code in codes)
