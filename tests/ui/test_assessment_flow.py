"""The whole visit through the real widgets: client, every step, program, save, PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop.clinical import model as m
from desktop.ui.assessment import state as st
from tests.ui.helpers import (
    choose,
    create_client,
    fill_pain,
    fill_visit,
    save_visit,
    settle,
    type_into,
    wait_for_storage,
)


def test_new_client_dialog_validates_inline(qtbot: Any, make_window: Any, medius_repo: Any) -> None:
    window = make_window()
    window.new_client()
    dialog = window._client_dialog
    assert not dialog.save()
    assert dialog.grid.fields["given_name"].error.text() == "is required"
    assert dialog.grid.fields["family_name"].error.isVisibleTo(dialog)
    assert dialog.grid.fields["date_of_birth"].error.text().startswith("is required")
    assert medius_repo.list_clients() == []
    type_into(qtbot, dialog.given, "Ana")
    type_into(qtbot, dialog.family, "Nguyễn")
    type_into(qtbot, dialog.dob, "1971-03-14")
    type_into(qtbot, dialog.email, "not-an-address")
    assert not dialog.save()
    assert dialog.grid.fields["email"].error.text().startswith("must be an email address")
    assert not dialog.grid.fields["given_name"].error.isVisibleTo(dialog)
    type_into(qtbot, dialog.email, "ana@example.org")
    with qtbot.waitSignal(dialog.saved, timeout=15000):
        assert dialog.save()
    wait_for_storage(qtbot)
    assert [c.family_name for c in medius_repo.list_clients()] == ["Nguyễn"]
    assert window.stack.currentWidget() is window.client_page
    assert window.client_page.name_label.text() == "Ana Nguyễn"


def test_hhd_visit_through_every_step_then_pdf(qtbot: Any, make_window: Any, medius_repo: Any,
                                                medius_paths: Any, no_modals: Any) -> None:
    window = make_window()
    client_id = create_client(qtbot, window, "Ana", "Nguyễn", "1971-03-14", "MED-1")
    page = window.client_page
    assert not page.reassess_button.isEnabled()  # nothing to carry over yet
    page.new_button.click()
    wait_for_storage(qtbot)
    editor = window.editor
    assert window.stack.currentWidget() is editor and editor.current_step() == 0

    fill_visit(qtbot, editor)
    editor.next_button.click()
    assert editor.current_step() == 1
    screening = editor.page("screening")
    screening.reviewed.click()
    screening.boxes["night_pain"].click()
    settle(qtbot, editor)
    assert editor.statuses()["screening"] == st.NEEDS_ATTENTION
    assert screening.acknowledge.isVisibleTo(screening) and not screening.urgent.isVisibleTo(screening)
    screening.acknowledge.click()
    settle(qtbot, editor)
    assert editor.statuses()["screening"] == st.COMPLETE

    fill_pain(qtbot, editor)
    settle(qtbot, editor)
    # ODI: answered 2+1+3+2+1+0+2+1 = 12 of 8 x 5 = 40 -> 30%.
    assert "ODI 30%" in editor.page("pain").odi_result.text()

    editor.go_to_step(3)
    tb = editor.page("trendelenburg")
    type_into(qtbot, tb.hold, "30")
    tb.right_button.click()
    assert tb.current == "right"
    tb.timer.zero_button.click()  # pelvis could not be raised: positive immediately
    settle(qtbot, editor)
    assert "Positive (immediate)" in tb.result_label.text()
    assert "right hip abductors weak" in tb.result_label.text()
    assert "pelvis drops on the left side" in tb.result_label.text()

    editor.go_to_step(4)
    hip = editor.page("hip")
    choose(hip.position, "supine")
    for side, trials in (("left", ["150", "158", "155"]), ("right", ["120", "118", "125"])):
        for edit, value in zip(hip.sides[side].trial_edits, trials, strict=True):
            type_into(qtbot, edit, value)
        type_into(qtbot, hip.sides[side].lever, "80")
    settle(qtbot, editor)
    # Torque left 158 x 0.80 = 126.4 Nm, right 125 x 0.80 = 100.0 Nm; LSI 100/126.4 = 79.1% -> marked.
    assert "LSI 79.1% on torque" in hip.lsi.text()
    assert "Marked asymmetry" in hip.lsi.text() and "right side weaker" in hip.lsi.text()
    assert "Peak 158.0 N" in hip.sides["left"].values.text()
    # Trials 120, 118, 125: mean 121.0, SD 3.61 -> CV 3.0%, no extra trial suggested.
    assert "3.0 %" in hip.sides["right"].values.text() and hip.sides["right"].cv_warning.text() == ""
    type_into(qtbot, hip.sides["right"].trial_edits[2], "165")
    settle(qtbot, editor)
    assert "add another trial" in hip.sides["right"].cv_warning.text()
    hip.sides["right"].add_button.click()
    type_into(qtbot, hip.sides["right"].trial_edits[2], "125")
    type_into(qtbot, hip.sides["right"].trial_edits[3], "122")
    settle(qtbot, editor)

    editor.go_to_step(5)
    summary = editor.page("summary")
    settle(qtbot, editor)
    assert "right" in summary.text.toPlainText()
    summary.text.appendPlainText("Discussed with the client.")
    settle(qtbot, editor)

    editor.go_to_step(6)
    program = editor.page("program")
    settle(qtbot, editor)
    proposed = [row["id"] for row in program.model.rows]
    assert proposed, "a program is proposed for a weak side"
    choose(program.add_choice, "clamshell")
    program.add_button.click()
    added = program.model.rowCount() - 1
    assert program.model.rows[added]["id"] == "clamshell"
    sets_column = program.model.FIELDS.index("sets")
    assert program.model.setData(program.model.index(added, sets_column), "4")
    program.table.selectRow(added)
    program.up_button.click()
    assert program.model.rows[added - 1]["id"] == "clamshell"
    program.table.selectRow(0)
    removed = program.model.rows[0]
    program.remove_button.click()
    settle(qtbot, editor)
    expected = [(row["id"], row["sets"]) for row in program.model.rows]
    assert len(expected) == len(proposed) and removed not in program.model.rows
    assert ("clamshell", "4") in expected

    assert save_visit(qtbot, editor) is not None
    (saved_id, saved), = medius_repo.list_assessments(client_id)
    assert saved.body_mass_kg == 68.0 and saved.pain_nprs == 6
    assert saved.red_flags == ("night_pain",) and saved.red_flags_acknowledged
    assert saved.trendelenburg_left == m.TrendelenburgSide(hold_s=30.0)
    assert saved.trendelenburg_right is not None and saved.trendelenburg_right.elevation_maximal is False
    assert saved.hip_abduction is not None and saved.hip_abduction.right == m.HhdSide(
        (120.0, 118.0, 125.0, 122.0), 80.0
    )
    assert saved.summary_text is not None and saved.summary_text.endswith("Discussed with the client.")
    assert saved.program is not None
    assert [(i.exercise_id, str(i.sets)) for i in saved.program.exercises] == expected
    assert medius_repo.list_drafts() == []

    editor.go_to_step(7)
    export = editor.page("export")
    export.export_button.click()
    qtbot.waitUntil(lambda: export.path is not None or "could not" in export.status.text(), timeout=60000)
    assert export.path is not None, export.status.text()
    pdf = Path(export.path)
    assert pdf.parent == medius_paths.exports and "Nguy" not in pdf.name
    assert pdf.read_bytes().startswith(b"%PDF")
    assert export.open_pdf.isVisibleTo(export)
    export.open_folder.click()
    assert ("open", str(pdf.parent)) in no_modals
    assert editor.statuses()["export"] == st.COMPLETE


def test_mmt_reassessment_prefills_and_warns_on_protocol(qtbot: Any, make_window: Any, medius_repo: Any) -> None:
    from desktop.services.demo import add_demo_clients

    add_demo_clients(medius_repo)
    window = make_window()
    ana = next(c for c in medius_repo.list_clients("MED-0001"))
    page = window.open_client(ana.id)
    wait_for_storage(qtbot)
    assert page.visit_model.rowCount() == 3
    assert "LSI" in page.visit_model.text(0, 3)
    page.reassess_button.click()
    wait_for_storage(qtbot)
    editor = window.editor
    visit = editor.page("visit")
    assert visit.body_mass.text() == "67"
    pain = editor.page("pain")
    assert [a.text() for a, _s in pain.psfs_rows[:2]] == ["Walking 30 min", "Gardening"]
    hip = editor.page("hip")
    assert hip.sides["left"].lever.text() == "80" and hip.position.value() == "supine"

    editor.go_to_step(4)
    choose(hip.position, "side_lying")
    type_into(qtbot, hip.sides["left"].trial_edits[0], "150")
    settle(qtbot, editor)
    assert hip.protocol_warning.isVisibleTo(hip) and "position differs" in hip.protocol_warning.text()

    hip.mmt_radio.click()
    assert hip.stack.currentIndex() == 1
    choose(hip.grades["left"], "5")
    choose(hip.grades["right"], "4")
    choose(hip.modifiers["right"], "-")
    settle(qtbot, editor)
    assert "Right 4-" in hip.mmt_result.text() and "weaker side: right" in hip.mmt_result.text()

    editor.go_to_step(2)
    for _activity, score in pain.psfs_rows[:2]:
        type_into(qtbot, score, "7")
    type_into(qtbot, pain.nprs, "3")
    editor.go_to_step(3)
    tb = editor.page("trendelenburg")
    type_into(qtbot, tb.hold, "30")
    tb.right_button.click()
    type_into(qtbot, tb.hold, "30")
    settle(qtbot, editor)
    assessment_id = save_visit(qtbot, editor)
    assert assessment_id is not None
    _cid, saved = medius_repo.get_assessment(assessment_id)
    assert saved.hip_abduction == m.HipAbduction(method="mmt", position="side_lying", unit="N", contraction="make",
                                                 fixation="belt", pad_site="5 cm proximal to the lateral malleolus",
                                                 device="MicroFET2", left=m.MmtSide(5), right=m.MmtSide(4, "-"))
    assert [(p.activity, p.score) for p in saved.psfs] == [("Walking 30 min", 7.0), ("Gardening", 7.0)]


def test_save_refuses_invalid_input_and_points_at_the_step(qtbot: Any, make_window: Any, medius_repo: Any) -> None:
    window = make_window()
    client_id = create_client(qtbot, window, "Ben", "Brown", "1980-05-05")
    editor = window.open_assessment_for(client_id)
    wait_for_storage(qtbot)
    fill_visit(qtbot, editor, mass="7000")
    editor.go_to_step(4)
    assert save_visit(qtbot, editor) is None
    assert editor.current_step() == 0
    assert editor.page("visit").fields["body_mass_kg"].error.text() == "must be between 20 and 400 kg"
    assert editor.statuses()["visit"] == st.NEEDS_ATTENTION
    assert medius_repo.list_assessments(client_id) == []
    assert medius_repo.load_draft(st.draft_key(client_id, None)) is not None


def test_cauda_equina_flag_switches_to_urgent_letter(qtbot: Any, make_window: Any) -> None:
    window = make_window()
    client_id = create_client(qtbot, window, "Zoë", "Ñúñez", "1990-06-21")
    editor = window.open_assessment_for(client_id)
    wait_for_storage(qtbot)
    editor.go_to_step(1)
    screening = editor.page("screening")
    screening.boxes["ces_saddle_anaesthesia"].click()
    settle(qtbot, editor)
    assert screening.urgent.isVisibleTo(screening)
    editor.go_to_step(6)
    program = editor.page("program")
    assert program.blocked_banner.isVisibleTo(program) and not program.add_button.isEnabled()
    editor.go_to_step(7)
    assert "Urgent medical referral" in editor.page("export").kind.text()
