"""Generated from resources/schema/exercise.schema.json by desktop.content.check_code(); do not edit."""
# ruff: noqa
# fmt: off
VERSION = "2.22.3"
from decimal import Decimal
import re
from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^[a-z][a-z0-9]*(_[a-z0-9]+)*$': re.compile('^[a-z][a-z0-9]*(_[a-z0-9]+)*\\Z'),
    '^https?://\\S+$': re.compile('^https?://\\S+\\Z'),
    '^(start|end)\\.(pelvis|hip_near|hip_far|neck|head|shoulder_near|shoulder_far|elbow_near|elbow_far|hand_near|hand_far|knee_near|knee_far|ankle_near|ankle_far|toe_near|toe_far)$': re.compile('^(start|end)\\.(pelvis|hip_near|hip_far|neck|head|shoulder_near|shoulder_far|elbow_near|elbow_far|hand_near|hand_far|knee_near|knee_far|ankle_near|ankle_far|toe_near|toe_far)\\Z'),
    '^(trunk|upper_arm|forearm|thigh|shank|foot)_(near|far)$|^trunk$': re.compile('^(trunk|upper_arm|forearm|thigh|shank|foot)_(near|far)$|^trunk$'),
    '^[a-z][a-z0-9_]*$': re.compile('^[a-z][a-z0-9_]*\\Z')
}

NoneType = type(None)

def validate_medius_exercise_v1(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'http://json-schema.org/draft-07/schema#', '$id': 'medius-exercise-v1', 'title': 'Medius exercise library entry', 'description': 'One exercise of the gluteus medius library (clinical-reference.md §7 and §8). The file name is the id plus .json.', 'type': 'object', 'additionalProperties': False, 'required': ['id', 'name', 'stage', 'phase', 'target', 'position', 'side_specific', 'steps', 'cues', 'common_faults', 'dosage', 'regression', 'progression', 'equipment', 'evidence', 'pose'], 'properties': {'id': {'type': 'string', 'pattern': '^[a-z][a-z0-9]*(_[a-z0-9]+)*$'}, 'name': {'type': 'string', 'minLength': 3, 'maxLength': 60}, 'stage': {'type': 'integer', 'minimum': 0, 'maximum': 4}, 'phase': {'enum': ['release_stretch', 'strengthening']}, 'target': {'type': 'string', 'minLength': 3}, 'position': {'type': 'string', 'minLength': 3}, 'side_specific': {'type': 'boolean', 'description': 'True when the exercise works one side at a time, so a program names the side.'}, 'steps': {'minItems': 3, 'maxItems': 8, 'allOf': [{'type': 'array', 'items': {'type': 'string', 'minLength': 3, 'maxLength': 160}}]}, 'cues': {'minItems': 1, 'allOf': [{'type': 'array', 'items': {'type': 'string', 'minLength': 3, 'maxLength': 160}}]}, 'feel': {'type': 'string', 'minLength': 10, 'maxLength': 160, 'description': "What the client should feel, in plain words (printed on the client's handout)."}, 'video_url': {'type': ['string', 'null'], 'pattern': '^https?://\\S+$', 'maxLength': 500, 'description': 'Optional link to a video of the exercise; the handout prints it as a QR code.'}, 'common_faults': {'minItems': 1, 'allOf': [{'type': 'array', 'items': {'type': 'string', 'minLength': 3, 'maxLength': 160}}]}, 'dosage': {'type': 'object', 'additionalProperties': False, 'required': ['sets', 'reps', 'hold_s', 'rest_s', 'days_per_week', 'basis'], 'properties': {'sets': {'type': 'integer', 'minimum': 1, 'maximum': 10}, 'reps': {'type': ['integer', 'null'], 'minimum': 1, 'maximum': 30}, 'hold_s': {'type': ['integer', 'null'], 'minimum': 5, 'maximum': 120}, 'rest_s': {'type': ['integer', 'null'], 'minimum': 0, 'maximum': 300}, 'days_per_week': {'type': 'integer', 'minimum': 1, 'maximum': 7}, 'basis': {'type': 'string', 'minLength': 10}}, 'oneOf': [{'properties': {'reps': {'type': 'integer'}, 'hold_s': {'type': 'null'}}}, {'properties': {'reps': {'type': 'null'}, 'hold_s': {'type': 'integer'}}}]}, 'regression': {'oneOf': [{'type': 'null'}, {'type': 'string', 'pattern': '^[a-z][a-z0-9_]*$'}]}, 'progression': {'oneOf': [{'type': 'null'}, {'type': 'string', 'pattern': '^[a-z][a-z0-9_]*$'}]}, 'equipment': {'type': 'array', 'items': {'type': 'string', 'minLength': 2}, 'uniqueItems': True}, 'evidence': {'oneOf': [{'const': 'convention'}, {'type': 'object', 'additionalProperties': False, 'required': ['pct_mvic', 'citation', 'tag'], 'properties': {'pct_mvic': {'type': ['number', 'null'], 'minimum': 0, 'maximum': 200}, 'measure': {'enum': ['mean', 'peak', None]}, 'citation': {'type': 'string', 'minLength': 5}, 'tag': {'enum': ['V', 'S', 'U']}, 'note': {'type': 'string'}}}]}, 'pose': {'type': 'object', 'additionalProperties': False, 'required': ['view', 'start', 'props', 'arrows'], 'properties': {'view': {'enum': ['side', 'front']}, 'start': {'$ref': 'medius-exercise-v1#/definitions/figure'}, 'end': {'$ref': 'medius-exercise-v1#/definitions/figure'}, 'props': {'type': 'array', 'items': {'$ref': 'medius-exercise-v1#/definitions/prop'}}, 'arrows': {'type': 'array', 'items': {'$ref': 'medius-exercise-v1#/definitions/arrow'}}, 'hold_mark': {'description': 'Where the small clock sits for holds (scene point).', '$ref': 'medius-exercise-v1#/definitions/point'}}}}, 'definitions': {'sentences': {'type': 'array', 'items': {'type': 'string', 'minLength': 3, 'maxLength': 160}}, 'link': {'oneOf': [{'type': 'null'}, {'type': 'string', 'pattern': '^[a-z][a-z0-9_]*$'}]}, 'point': {'type': 'array', 'items': {'type': 'number'}, 'minItems': 2, 'maxItems': 2}, 'joint': {'enum': ['pelvis', 'hip_near', 'hip_far', 'neck', 'head', 'shoulder_near', 'shoulder_far', 'elbow_near', 'elbow_far', 'hand_near', 'hand_far', 'knee_near', 'knee_far', 'ankle_near', 'ankle_far', 'toe_near', 'toe_far']}, 'pose_ref': {'description': "A joint of the start or end figure, e.g. 'end.knee_near'.", 'type': 'string', 'pattern': '^(start|end)\\.(pelvis|hip_near|hip_far|neck|head|shoulder_near|shoulder_far|elbow_near|elbow_far|hand_near|hand_far|knee_near|knee_far|ankle_near|ankle_far|toe_near|toe_far)$'}, 'where': {'oneOf': [{'type': 'array', 'items': {'type': 'number'}, 'minItems': 2, 'maxItems': 2}, {'description': "A joint of the start or end figure, e.g. 'end.knee_near'.", 'type': 'string', 'pattern': '^(start|end)\\.(pelvis|hip_near|hip_far|neck|head|shoulder_near|shoulder_far|elbow_near|elbow_far|hand_near|hand_far|knee_near|knee_far|ankle_near|ankle_far|toe_near|toe_far)$'}]}, 'angle': {'type': 'number', 'minimum': -360, 'maximum': 360}, 'figure': {'description': 'One figure. Angles are absolute directions in degrees in the picture plane (0 = right, 90 = up), so the drawing stays consistent whatever the view.', 'type': 'object', 'additionalProperties': False, 'required': ['anchor', 'trunk', 'head', 'arm_near', 'arm_far', 'leg_near', 'leg_far'], 'properties': {'anchor': {'type': 'array', 'description': '[joint, x, y]: the joint placed at this scene point; the floor is y = 0.', 'items': [{'enum': ['pelvis', 'hip_near', 'hip_far', 'neck', 'head', 'shoulder_near', 'shoulder_far', 'elbow_near', 'elbow_far', 'hand_near', 'hand_far', 'knee_near', 'knee_far', 'ankle_near', 'ankle_far', 'toe_near', 'toe_far']}, {'type': 'number'}, {'type': 'number'}], 'minItems': 3, 'additionalItems': False}, 'trunk': {'type': 'number', 'minimum': -360, 'maximum': 360}, 'head': {'type': 'number', 'minimum': -360, 'maximum': 360}, 'arm_near': {'type': 'array', 'items': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'minItems': 2, 'maxItems': 2}, 'arm_far': {'type': 'array', 'items': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'minItems': 2, 'maxItems': 2}, 'leg_near': {'type': 'array', 'items': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'minItems': 3, 'maxItems': 3}, 'leg_far': {'type': 'array', 'items': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'minItems': 3, 'maxItems': 3}, 'scale': {'type': 'object', 'description': 'Shortened segments (foreshortening), segment name -> factor.', 'additionalProperties': False, 'patternProperties': {'^(trunk|upper_arm|forearm|thigh|shank|foot)_(near|far)$|^trunk$': {'type': 'number', 'minimum': 0.2, 'maximum': 1.5}}}, 'hide': {'type': 'array', 'items': {'enum': ['arm_near', 'arm_far', 'leg_near', 'leg_far']}, 'uniqueItems': True}}}, 'limb2': {'type': 'array', 'items': {'type': 'number', 'minimum': -360, 'maximum': 360}, 'minItems': 2, 'maxItems': 2}, 'limb3': {'type': 'array', 'items': {'type': 'number', 'minimum': -360, 'maximum': 360}, 'minItems': 3, 'maxItems': 3}, 'prop': {'type': 'object', 'required': ['type'], 'properties': {'type': {'enum': ['mat', 'roller', 'ball', 'band', 'step', 'wall', 'weight', 'bench']}}, 'allOf': [{'if': {'properties': {'type': {'const': 'mat'}}}, 'then': {'required': ['x'], 'properties': {'x': {'type': 'array', 'items': {'type': 'number'}, 'minItems': 2, 'maxItems': 2}}}}, {'if': {'properties': {'type': {'enum': ['roller', 'ball']}}}, 'then': {'required': ['at', 'r'], 'properties': {'at': {'type': 'array', 'items': {'type': 'number'}, 'minItems': 2, 'maxItems': 2}, 'r': {'type': 'number', 'minimum': 2, 'maximum': 20}}}}, {'if': {'properties': {'type': {'const': 'band'}}}, 'then': {'required': ['between'], 'properties': {'between': {'type': 'array', 'items': {'enum': ['pelvis', 'hip_near', 'hip_far', 'neck', 'head', 'shoulder_near', 'shoulder_far', 'elbow_near', 'elbow_far', 'hand_near', 'hand_far', 'knee_near', 'knee_far', 'ankle_near', 'ankle_far', 'toe_near', 'toe_far']}, 'minItems': 2, 'maxItems': 2}}}}, {'if': {'properties': {'type': {'enum': ['step', 'bench']}}}, 'then': {'required': ['x', 'w', 'h'], 'properties': {'x': {'type': 'number'}, 'w': {'type': 'number', 'minimum': 5}, 'h': {'type': 'number', 'minimum': 2}}}}, {'if': {'properties': {'type': {'const': 'wall'}}}, 'then': {'required': ['x'], 'properties': {'x': {'type': 'number'}, 'h': {'type': 'number'}}}}, {'if': {'properties': {'type': {'const': 'weight'}}}, 'then': {'required': ['at'], 'properties': {'at': {'enum': ['pelvis', 'hip_near', 'hip_far', 'neck', 'head', 'shoulder_near', 'shoulder_far', 'elbow_near', 'elbow_far', 'hand_near', 'hand_far', 'knee_near', 'knee_far', 'ankle_near', 'ankle_far', 'toe_near', 'toe_far']}, 'kind': {'enum': ['cuff', 'kettlebell', 'dumbbell']}}}}]}, 'arrow': {'type': 'object', 'additionalProperties': False, 'required': ['from', 'to'], 'properties': {'from': {'oneOf': [{'$ref': '#/definitions/point'}, {'$ref': '#/definitions/pose_ref'}]}, 'to': {'oneOf': [{'$ref': '#/definitions/point'}, {'$ref': '#/definitions/pose_ref'}]}, 'offset': {'type': 'array', 'items': {'type': 'number'}, 'minItems': 2, 'maxItems': 2}, 'bend': {'type': 'number', 'minimum': -1, 'maximum': 1}, 'both_ends': {'type': 'boolean'}}}, 'pose': {'type': 'object', 'additionalProperties': False, 'required': ['view', 'start', 'props', 'arrows'], 'properties': {'view': {'enum': ['side', 'front']}, 'start': {'description': 'One figure. Angles are absolute directions in degrees in the picture plane (0 = right, 90 = up), so the drawing stays consistent whatever the view.', 'type': 'object', 'additionalProperties': False, 'required': ['anchor', 'trunk', 'head', 'arm_near', 'arm_far', 'leg_near', 'leg_far'], 'properties': {'anchor': {'type': 'array', 'description': '[joint, x, y]: the joint placed at this scene point; the floor is y = 0.', 'items': [{'$ref': '#/definitions/joint'}, {'type': 'number'}, {'type': 'number'}], 'minItems': 3, 'additionalItems': False}, 'trunk': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'head': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'arm_near': {'$ref': 'medius-exercise-v1#/definitions/limb2'}, 'arm_far': {'$ref': 'medius-exercise-v1#/definitions/limb2'}, 'leg_near': {'$ref': 'medius-exercise-v1#/definitions/limb3'}, 'leg_far': {'$ref': 'medius-exercise-v1#/definitions/limb3'}, 'scale': {'type': 'object', 'description': 'Shortened segments (foreshortening), segment name -> factor.', 'additionalProperties': False, 'patternProperties': {'^(trunk|upper_arm|forearm|thigh|shank|foot)_(near|far)$|^trunk$': {'type': 'number', 'minimum': 0.2, 'maximum': 1.5}}}, 'hide': {'type': 'array', 'items': {'enum': ['arm_near', 'arm_far', 'leg_near', 'leg_far']}, 'uniqueItems': True}}}, 'end': {'description': 'One figure. Angles are absolute directions in degrees in the picture plane (0 = right, 90 = up), so the drawing stays consistent whatever the view.', 'type': 'object', 'additionalProperties': False, 'required': ['anchor', 'trunk', 'head', 'arm_near', 'arm_far', 'leg_near', 'leg_far'], 'properties': {'anchor': {'type': 'array', 'description': '[joint, x, y]: the joint placed at this scene point; the floor is y = 0.', 'items': [{'$ref': '#/definitions/joint'}, {'type': 'number'}, {'type': 'number'}], 'minItems': 3, 'additionalItems': False}, 'trunk': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'head': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'arm_near': {'$ref': 'medius-exercise-v1#/definitions/limb2'}, 'arm_far': {'$ref': 'medius-exercise-v1#/definitions/limb2'}, 'leg_near': {'$ref': 'medius-exercise-v1#/definitions/limb3'}, 'leg_far': {'$ref': 'medius-exercise-v1#/definitions/limb3'}, 'scale': {'type': 'object', 'description': 'Shortened segments (foreshortening), segment name -> factor.', 'additionalProperties': False, 'patternProperties': {'^(trunk|upper_arm|forearm|thigh|shank|foot)_(near|far)$|^trunk$': {'type': 'number', 'minimum': 0.2, 'maximum': 1.5}}}, 'hide': {'type': 'array', 'items': {'enum': ['arm_near', 'arm_far', 'leg_near', 'leg_far']}, 'uniqueItems': True}}}, 'props': {'type': 'array', 'items': {'type': 'object', 'required': ['type'], 'properties': {'type': {'enum': ['mat', 'roller', 'ball', 'band', 'step', 'wall', 'weight', 'bench']}}, 'allOf': [{'if': {'properties': {'type': {'const': 'mat'}}}, 'then': {'required': ['x'], 'properties': {'x': {'$ref': '#/definitions/point'}}}}, {'if': {'properties': {'type': {'enum': ['roller', 'ball']}}}, 'then': {'required': ['at', 'r'], 'properties': {'at': {'$ref': '#/definitions/point'}, 'r': {'type': 'number', 'minimum': 2, 'maximum': 20}}}}, {'if': {'properties': {'type': {'const': 'band'}}}, 'then': {'required': ['between'], 'properties': {'between': {'type': 'array', 'items': {'$ref': '#/definitions/joint'}, 'minItems': 2, 'maxItems': 2}}}}, {'if': {'properties': {'type': {'enum': ['step', 'bench']}}}, 'then': {'required': ['x', 'w', 'h'], 'properties': {'x': {'type': 'number'}, 'w': {'type': 'number', 'minimum': 5}, 'h': {'type': 'number', 'minimum': 2}}}}, {'if': {'properties': {'type': {'const': 'wall'}}}, 'then': {'required': ['x'], 'properties': {'x': {'type': 'number'}, 'h': {'type': 'number'}}}}, {'if': {'properties': {'type': {'const': 'weight'}}}, 'then': {'required': ['at'], 'properties': {'at': {'$ref': '#/definitions/joint'}, 'kind': {'enum': ['cuff', 'kettlebell', 'dumbbell']}}}}]}}, 'arrows': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['from', 'to'], 'properties': {'from': {'$ref': 'medius-exercise-v1#/definitions/where'}, 'to': {'$ref': 'medius-exercise-v1#/definitions/where'}, 'offset': {'$ref': 'medius-exercise-v1#/definitions/point'}, 'bend': {'type': 'number', 'minimum': -1, 'maximum': 1}, 'both_ends': {'type': 'boolean'}}}}, 'hold_mark': {'type': 'array', 'items': {'type': 'number'}, 'minItems': 2, 'maxItems': 2}}}}}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['id', 'name', 'stage', 'phase', 'target', 'position', 'side_specific', 'steps', 'cues', 'common_faults', 'dosage', 'regression', 'progression', 'equipment', 'evidence', 'pose']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'http://json-schema.org/draft-07/schema#', '$id': 'medius-exercise-v1', 'title': 'Medius exercise library entry', 'description': 'One exercise of the gluteus medius library (clinical-reference.md §7 and §8). The file name is the id plus .json.', 'type': 'object', 'additionalProperties': False, 'required': ['id', 'name', 'stage', 'phase', 'target', 'position', 'side_specific', 'steps', 'cues', 'common_faults', 'dosage', 'regression', 'progression', 'equipment', 'evidence', 'pose'], 'properties': {'id': {'type': 'string', 'pattern': '^[a-z][a-z0-9]*(_[a-z0-9]+)*$'}, 'name': {'type': 'string', 'minLength': 3, 'maxLength': 60}, 'stage': {'type': 'integer', 'minimum': 0, 'maximum': 4}, 'phase': {'enum': ['release_stretch', 'strengthening']}, 'target': {'type': 'string', 'minLength': 3}, 'position': {'type': 'string', 'minLength': 3}, 'side_specific': {'type': 'boolean', 'description': 'True when the exercise works one side at a time, so a program names the side.'}, 'steps': {'minItems': 3, 'maxItems': 8, 'allOf': [{'type': 'array', 'items': {'type': 'string', 'minLength': 3, 'maxLength': 160}}]}, 'cues': {'minItems': 1, 'allOf': [{'type': 'array', 'items': {'type': 'string', 'minLength': 3, 'maxLength': 160}}]}, 'feel': {'type': 'string', 'minLength': 10, 'maxLength': 160, 'description': "What the client should feel, in plain words (printed on the client's handout)."}, 'video_url': {'type': ['string', 'null'], 'pattern': '^https?://\\S+$', 'maxLength': 500, 'description': 'Optional link to a video of the exercise; the handout prints it as a QR code.'}, 'common_faults': {'minItems': 1, 'allOf': [{'type': 'array', 'items': {'type': 'string', 'minLength': 3, 'maxLength': 160}}]}, 'dosage': {'type': 'object', 'additionalProperties': False, 'required': ['sets', 'reps', 'hold_s', 'rest_s', 'days_per_week', 'basis'], 'properties': {'sets': {'type': 'integer', 'minimum': 1, 'maximum': 10}, 'reps': {'type': ['integer', 'null'], 'minimum': 1, 'maximum': 30}, 'hold_s': {'type': ['integer', 'null'], 'minimum': 5, 'maximum': 120}, 'rest_s': {'type': ['integer', 'null'], 'minimum': 0, 'maximum': 300}, 'days_per_week': {'type': 'integer', 'minimum': 1, 'maximum': 7}, 'basis': {'type': 'string', 'minLength': 10}}, 'oneOf': [{'properties': {'reps': {'type': 'integer'}, 'hold_s': {'type': 'null'}}}, {'properties': {'reps': {'type': 'null'}, 'hold_s': {'type': 'integer'}}}]}, 'regression': {'oneOf': [{'type': 'null'}, {'type': 'string', 'pattern': '^[a-z][a-z0-9_]*$'}]}, 'progression': {'oneOf': [{'type': 'null'}, {'type': 'string', 'pattern': '^[a-z][a-z0-9_]*$'}]}, 'equipment': {'type': 'array', 'items': {'type': 'string', 'minLength': 2}, 'uniqueItems': True}, 'evidence': {'oneOf': [{'const': 'convention'}, {'type': 'object', 'additionalProperties': False, 'required': ['pct_mvic', 'citation', 'tag'], 'properties': {'pct_mvic': {'type': ['number', 'null'], 'minimum': 0, 'maximum': 200}, 'measure': {'enum': ['mean', 'peak', None]}, 'citation': {'type': 'string', 'minLength': 5}, 'tag': {'enum': ['V', 'S', 'U']}, 'note': {'type': 'string'}}}]}, 'pose': {'type': 'object', 'additionalProperties': False, 'required': ['view', 'start', 'props', 'arrows'], 'properties': {'view': {'enum': ['side', 'front']}, 'start': {'$ref': 'medius-exercise-v1#/definitions/figure'}, 'end': {'$ref': 'medius-exercise-v1#/definitions/figure'}, 'props': {'type': 'array', 'items': {'$ref': 'medius-exercise-v1#/definitions/prop'}}, 'arrows': {'type': 'array', 'items': {'$ref': 'medius-exercise-v1#/definitions/arrow'}}, 'hold_mark': {'description': 'Where the small clock sits for holds (scene point).', '$ref': 'medius-exercise-v1#/definitions/point'}}}}, 'definitions': {'sentences': {'type': 'array', 'items': {'type': 'string', 'minLength': 3, 'maxLength': 160}}, 'link': {'oneOf': [{'type': 'null'}, {'type': 'string', 'pattern': '^[a-z][a-z0-9_]*$'}]}, 'point': {'type': 'array', 'items': {'type': 'number'}, 'minItems': 2, 'maxItems': 2}, 'joint': {'enum': ['pelvis', 'hip_near', 'hip_far', 'neck', 'head', 'shoulder_near', 'shoulder_far', 'elbow_near', 'elbow_far', 'hand_near', 'hand_far', 'knee_near', 'knee_far', 'ankle_near', 'ankle_far', 'toe_near', 'toe_far']}, 'pose_ref': {'description': "A joint of the start or end figure, e.g. 'end.knee_near'.", 'type': 'string', 'pattern': '^(start|end)\\.(pelvis|hip_near|hip_far|neck|head|shoulder_near|shoulder_far|elbow_near|elbow_far|hand_near|hand_far|knee_near|knee_far|ankle_near|ankle_far|toe_near|toe_far)$'}, 'where': {'oneOf': [{'type': 'array', 'items': {'type': 'number'}, 'minItems': 2, 'maxItems': 2}, {'description': "A joint of the start or end figure, e.g. 'end.knee_near'.", 'type': 'string', 'pattern': '^(start|end)\\.(pelvis|hip_near|hip_far|neck|head|shoulder_near|shoulder_far|elbow_near|elbow_far|hand_near|hand_far|knee_near|knee_far|ankle_near|ankle_far|toe_near|toe_far)$'}]}, 'angle': {'type': 'number', 'minimum': -360, 'maximum': 360}, 'figure': {'description': 'One figure. Angles are absolute directions in degrees in the picture plane (0 = right, 90 = up), so the drawing stays consistent whatever the view.', 'type': 'object', 'additionalProperties': False, 'required': ['anchor', 'trunk', 'head', 'arm_near', 'arm_far', 'leg_near', 'leg_far'], 'properties': {'anchor': {'type': 'array', 'description': '[joint, x, y]: the joint placed at this scene point; the floor is y = 0.', 'items': [{'enum': ['pelvis', 'hip_near', 'hip_far', 'neck', 'head', 'shoulder_near', 'shoulder_far', 'elbow_near', 'elbow_far', 'hand_near', 'hand_far', 'knee_near', 'knee_far', 'ankle_near', 'ankle_far', 'toe_near', 'toe_far']}, {'type': 'number'}, {'type': 'number'}], 'minItems': 3, 'additionalItems': False}, 'trunk': {'type': 'number', 'minimum': -360, 'maximum': 360}, 'head': {'type': 'number', 'minimum': -360, 'maximum': 360}, 'arm_near': {'type': 'array', 'items': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'minItems': 2, 'maxItems': 2}, 'arm_far': {'type': 'array', 'items': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'minItems': 2, 'maxItems': 2}, 'leg_near': {'type': 'array', 'items': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'minItems': 3, 'maxItems': 3}, 'leg_far': {'type': 'array', 'items': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'minItems': 3, 'maxItems': 3}, 'scale': {'type': 'object', 'description': 'Shortened segments (foreshortening), segment name -> factor.', 'additionalProperties': False, 'patternProperties': {'^(trunk|upper_arm|forearm|thigh|shank|foot)_(near|far)$|^trunk$': {'type': 'number', 'minimum': 0.2, 'maximum': 1.5}}}, 'hide': {'type': 'array', 'items': {'enum': ['arm_near', 'arm_far', 'leg_near', 'leg_far']}, 'uniqueItems': True}}}, 'limb2': {'type': 'array', 'items': {'type': 'number', 'minimum': -360, 'maximum': 360}, 'minItems': 2, 'maxItems': 2}, 'limb3': {'type': 'array', 'items': {'type': 'number', 'minimum': -360, 'maximum': 360}, 'minItems': 3, 'maxItems': 3}, 'prop': {'type': 'object', 'required': ['type'], 'properties': {'type': {'enum': ['mat', 'roller', 'ball', 'band', 'step', 'wall', 'weight', 'bench']}}, 'allOf': [{'if': {'properties': {'type': {'const': 'mat'}}}, 'then': {'required': ['x'], 'properties': {'x': {'type': 'array', 'items': {'type': 'number'}, 'minItems': 2, 'maxItems': 2}}}}, {'if': {'properties': {'type': {'enum': ['roller', 'ball']}}}, 'then': {'required': ['at', 'r'], 'properties': {'at': {'type': 'array', 'items': {'type': 'number'}, 'minItems': 2, 'maxItems': 2}, 'r': {'type': 'number', 'minimum': 2, 'maximum': 20}}}}, {'if': {'properties': {'type': {'const': 'band'}}}, 'then': {'required': ['between'], 'properties': {'between': {'type': 'array', 'items': {'enum': ['pelvis', 'hip_near', 'hip_far', 'neck', 'head', 'shoulder_near', 'shoulder_far', 'elbow_near', 'elbow_far', 'hand_near', 'hand_far', 'knee_near', 'knee_far', 'ankle_near', 'ankle_far', 'toe_near', 'toe_far']}, 'minItems': 2, 'maxItems': 2}}}}, {'if': {'properties': {'type': {'enum': ['step', 'bench']}}}, 'then': {'required': ['x', 'w', 'h'], 'properties': {'x': {'type': 'number'}, 'w': {'type': 'number', 'minimum': 5}, 'h': {'type': 'number', 'minimum': 2}}}}, {'if': {'properties': {'type': {'const': 'wall'}}}, 'then': {'required': ['x'], 'properties': {'x': {'type': 'number'}, 'h': {'type': 'number'}}}}, {'if': {'properties': {'type': {'const': 'weight'}}}, 'then': {'required': ['at'], 'properties': {'at': {'enum': ['pelvis', 'hip_near', 'hip_far', 'neck', 'head', 'shoulder_near', 'shoulder_far', 'elbow_near', 'elbow_far', 'hand_near', 'hand_far', 'knee_near', 'knee_far', 'ankle_near', 'ankle_far', 'toe_near', 'toe_far']}, 'kind': {'enum': ['cuff', 'kettlebell', 'dumbbell']}}}}]}, 'arrow': {'type': 'object', 'additionalProperties': False, 'required': ['from', 'to'], 'properties': {'from': {'oneOf': [{'$ref': '#/definitions/point'}, {'$ref': '#/definitions/pose_ref'}]}, 'to': {'oneOf': [{'$ref': '#/definitions/point'}, {'$ref': '#/definitions/pose_ref'}]}, 'offset': {'type': 'array', 'items': {'type': 'number'}, 'minItems': 2, 'maxItems': 2}, 'bend': {'type': 'number', 'minimum': -1, 'maximum': 1}, 'both_ends': {'type': 'boolean'}}}, 'pose': {'type': 'object', 'additionalProperties': False, 'required': ['view', 'start', 'props', 'arrows'], 'properties': {'view': {'enum': ['side', 'front']}, 'start': {'description': 'One figure. Angles are absolute directions in degrees in the picture plane (0 = right, 90 = up), so the drawing stays consistent whatever the view.', 'type': 'object', 'additionalProperties': False, 'required': ['anchor', 'trunk', 'head', 'arm_near', 'arm_far', 'leg_near', 'leg_far'], 'properties': {'anchor': {'type': 'array', 'description': '[joint, x, y]: the joint placed at this scene point; the floor is y = 0.', 'items': [{'$ref': '#/definitions/joint'}, {'type': 'number'}, {'type': 'number'}], 'minItems': 3, 'additionalItems': False}, 'trunk': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'head': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'arm_near': {'$ref': 'medius-exercise-v1#/definitions/limb2'}, 'arm_far': {'$ref': 'medius-exercise-v1#/definitions/limb2'}, 'leg_near': {'$ref': 'medius-exercise-v1#/definitions/limb3'}, 'leg_far': {'$ref': 'medius-exercise-v1#/definitions/limb3'}, 'scale': {'type': 'object', 'description': 'Shortened segments (foreshortening), segment name -> factor.', 'additionalProperties': False, 'patternProperties': {'^(trunk|upper_arm|forearm|thigh|shank|foot)_(near|far)$|^trunk$': {'type': 'number', 'minimum': 0.2, 'maximum': 1.5}}}, 'hide': {'type': 'array', 'items': {'enum': ['arm_near', 'arm_far', 'leg_near', 'leg_far']}, 'uniqueItems': True}}}, 'end': {'description': 'One figure. Angles are absolute directions in degrees in the picture plane (0 = right, 90 = up), so the drawing stays consistent whatever the view.', 'type': 'object', 'additionalProperties': False, 'required': ['anchor', 'trunk', 'head', 'arm_near', 'arm_far', 'leg_near', 'leg_far'], 'properties': {'anchor': {'type': 'array', 'description': '[joint, x, y]: the joint placed at this scene point; the floor is y = 0.', 'items': [{'$ref': '#/definitions/joint'}, {'type': 'number'}, {'type': 'number'}], 'minItems': 3, 'additionalItems': False}, 'trunk': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'head': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'arm_near': {'$ref': 'medius-exercise-v1#/definitions/limb2'}, 'arm_far': {'$ref': 'medius-exercise-v1#/definitions/limb2'}, 'leg_near': {'$ref': 'medius-exercise-v1#/definitions/limb3'}, 'leg_far': {'$ref': 'medius-exercise-v1#/definitions/limb3'}, 'scale': {'type': 'object', 'description': 'Shortened segments (foreshortening), segment name -> factor.', 'additionalProperties': False, 'patternProperties': {'^(trunk|upper_arm|forearm|thigh|shank|foot)_(near|far)$|^trunk$': {'type': 'number', 'minimum': 0.2, 'maximum': 1.5}}}, 'hide': {'type': 'array', 'items': {'enum': ['arm_near', 'arm_far', 'leg_near', 'leg_far']}, 'uniqueItems': True}}}, 'props': {'type': 'array', 'items': {'type': 'object', 'required': ['type'], 'properties': {'type': {'enum': ['mat', 'roller', 'ball', 'band', 'step', 'wall', 'weight', 'bench']}}, 'allOf': [{'if': {'properties': {'type': {'const': 'mat'}}}, 'then': {'required': ['x'], 'properties': {'x': {'$ref': '#/definitions/point'}}}}, {'if': {'properties': {'type': {'enum': ['roller', 'ball']}}}, 'then': {'required': ['at', 'r'], 'properties': {'at': {'$ref': '#/definitions/point'}, 'r': {'type': 'number', 'minimum': 2, 'maximum': 20}}}}, {'if': {'properties': {'type': {'const': 'band'}}}, 'then': {'required': ['between'], 'properties': {'between': {'type': 'array', 'items': {'$ref': '#/definitions/joint'}, 'minItems': 2, 'maxItems': 2}}}}, {'if': {'properties': {'type': {'enum': ['step', 'bench']}}}, 'then': {'required': ['x', 'w', 'h'], 'properties': {'x': {'type': 'number'}, 'w': {'type': 'number', 'minimum': 5}, 'h': {'type': 'number', 'minimum': 2}}}}, {'if': {'properties': {'type': {'const': 'wall'}}}, 'then': {'required': ['x'], 'properties': {'x': {'type': 'number'}, 'h': {'type': 'number'}}}}, {'if': {'properties': {'type': {'const': 'weight'}}}, 'then': {'required': ['at'], 'properties': {'at': {'$ref': '#/definitions/joint'}, 'kind': {'enum': ['cuff', 'kettlebell', 'dumbbell']}}}}]}}, 'arrows': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['from', 'to'], 'properties': {'from': {'$ref': 'medius-exercise-v1#/definitions/where'}, 'to': {'$ref': 'medius-exercise-v1#/definitions/where'}, 'offset': {'$ref': 'medius-exercise-v1#/definitions/point'}, 'bend': {'type': 'number', 'minimum': -1, 'maximum': 1}, 'both_ends': {'type': 'boolean'}}}}, 'hold_mark': {'type': 'array', 'items': {'type': 'number'}, 'minItems': 2, 'maxItems': 2}}}}}, rule='required')
        data_keys = set(data.keys())
        if "id" in data_keys:
            data_keys.remove("id")
            data__id = data["id"]
            if not isinstance(data__id, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".id must be string", value=data__id, name="" + (name_prefix or "data") + ".id", definition={'type': 'string', 'pattern': '^[a-z][a-z0-9]*(_[a-z0-9]+)*$'}, rule='type')
            if isinstance(data__id, str):
                if not REGEX_PATTERNS['^[a-z][a-z0-9]*(_[a-z0-9]+)*$'].search(data__id):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".id must match pattern ^[a-z][a-z0-9]*(_[a-z0-9]+)*$", value=data__id, name="" + (name_prefix or "data") + ".id", definition={'type': 'string', 'pattern': '^[a-z][a-z0-9]*(_[a-z0-9]+)*$'}, rule='pattern')
        if "name" in data_keys:
            data_keys.remove("name")
            data__name = data["name"]
            if not isinstance(data__name, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".name must be string", value=data__name, name="" + (name_prefix or "data") + ".name", definition={'type': 'string', 'minLength': 3, 'maxLength': 60}, rule='type')
            if isinstance(data__name, str):
                data__name_len = len(data__name)
                if data__name_len < 3:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".name must be longer than or equal to 3 characters", value=data__name, name="" + (name_prefix or "data") + ".name", definition={'type': 'string', 'minLength': 3, 'maxLength': 60}, rule='minLength')
                if data__name_len > 60:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".name must be shorter than or equal to 60 characters", value=data__name, name="" + (name_prefix or "data") + ".name", definition={'type': 'string', 'minLength': 3, 'maxLength': 60}, rule='maxLength')
        if "stage" in data_keys:
            data_keys.remove("stage")
            data__stage = data["stage"]
            if not isinstance(data__stage, (int)) and not (isinstance(data__stage, float) and data__stage.is_integer()) or isinstance(data__stage, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".stage must be integer", value=data__stage, name="" + (name_prefix or "data") + ".stage", definition={'type': 'integer', 'minimum': 0, 'maximum': 4}, rule='type')
            if isinstance(data__stage, (int, float, Decimal)) and not isinstance(data__stage, bool):
                if data__stage < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".stage must be bigger than or equal to 0", value=data__stage, name="" + (name_prefix or "data") + ".stage", definition={'type': 'integer', 'minimum': 0, 'maximum': 4}, rule='minimum')
                if data__stage > 4:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".stage must be smaller than or equal to 4", value=data__stage, name="" + (name_prefix or "data") + ".stage", definition={'type': 'integer', 'minimum': 0, 'maximum': 4}, rule='maximum')
        if "phase" in data_keys:
            data_keys.remove("phase")
            data__phase = data["phase"]
            if not (isinstance(data__phase, str) and data__phase == 'release_stretch' or isinstance(data__phase, str) and data__phase == 'strengthening'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".phase must be one of ['release_stretch', 'strengthening']", value=data__phase, name="" + (name_prefix or "data") + ".phase", definition={'enum': ['release_stretch', 'strengthening']}, rule='enum')
        if "target" in data_keys:
            data_keys.remove("target")
            data__target = data["target"]
            if not isinstance(data__target, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".target must be string", value=data__target, name="" + (name_prefix or "data") + ".target", definition={'type': 'string', 'minLength': 3}, rule='type')
            if isinstance(data__target, str):
                data__target_len = len(data__target)
                if data__target_len < 3:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".target must be longer than or equal to 3 characters", value=data__target, name="" + (name_prefix or "data") + ".target", definition={'type': 'string', 'minLength': 3}, rule='minLength')
        if "position" in data_keys:
            data_keys.remove("position")
            data__position = data["position"]
            if not isinstance(data__position, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".position must be string", value=data__position, name="" + (name_prefix or "data") + ".position", definition={'type': 'string', 'minLength': 3}, rule='type')
            if isinstance(data__position, str):
                data__position_len = len(data__position)
                if data__position_len < 3:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".position must be longer than or equal to 3 characters", value=data__position, name="" + (name_prefix or "data") + ".position", definition={'type': 'string', 'minLength': 3}, rule='minLength')
        if "side_specific" in data_keys:
            data_keys.remove("side_specific")
            data__sidespecific = data["side_specific"]
            if not isinstance(data__sidespecific, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".side_specific must be boolean", value=data__sidespecific, name="" + (name_prefix or "data") + ".side_specific", definition={'type': 'boolean', 'description': 'True when the exercise works one side at a time, so a program names the side.'}, rule='type')
        if "steps" in data_keys:
            data_keys.remove("steps")
            data__steps = data["steps"]
            validate_medius_exercise_v1__definitions_sentences(data__steps, custom_formats, (name_prefix or "data") + ".steps")
            data__steps_is_list = isinstance(data__steps, (list, tuple))
            if data__steps_is_list:
                data__steps_len = len(data__steps)
                if data__steps_len < 3:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".steps must contain at least 3 items", value=data__steps, name="" + (name_prefix or "data") + ".steps", definition={'minItems': 3, 'maxItems': 8, 'allOf': [{'type': 'array', 'items': {'type': 'string', 'minLength': 3, 'maxLength': 160}}]}, rule='minItems')
                if data__steps_len > 8:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".steps must contain less than or equal to 8 items", value=data__steps, name="" + (name_prefix or "data") + ".steps", definition={'minItems': 3, 'maxItems': 8, 'allOf': [{'type': 'array', 'items': {'type': 'string', 'minLength': 3, 'maxLength': 160}}]}, rule='maxItems')
        if "cues" in data_keys:
            data_keys.remove("cues")
            data__cues = data["cues"]
            validate_medius_exercise_v1__definitions_sentences(data__cues, custom_formats, (name_prefix or "data") + ".cues")
            data__cues_is_list = isinstance(data__cues, (list, tuple))
            if data__cues_is_list:
                data__cues_len = len(data__cues)
                if data__cues_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".cues must contain at least 1 items", value=data__cues, name="" + (name_prefix or "data") + ".cues", definition={'minItems': 1, 'allOf': [{'type': 'array', 'items': {'type': 'string', 'minLength': 3, 'maxLength': 160}}]}, rule='minItems')
        if "feel" in data_keys:
            data_keys.remove("feel")
            data__feel = data["feel"]
            if not isinstance(data__feel, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".feel must be string", value=data__feel, name="" + (name_prefix or "data") + ".feel", definition={'type': 'string', 'minLength': 10, 'maxLength': 160, 'description': "What the client should feel, in plain words (printed on the client's handout)."}, rule='type')
            if isinstance(data__feel, str):
                data__feel_len = len(data__feel)
                if data__feel_len < 10:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".feel must be longer than or equal to 10 characters", value=data__feel, name="" + (name_prefix or "data") + ".feel", definition={'type': 'string', 'minLength': 10, 'maxLength': 160, 'description': "What the client should feel, in plain words (printed on the client's handout)."}, rule='minLength')
                if data__feel_len > 160:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".feel must be shorter than or equal to 160 characters", value=data__feel, name="" + (name_prefix or "data") + ".feel", definition={'type': 'string', 'minLength': 10, 'maxLength': 160, 'description': "What the client should feel, in plain words (printed on the client's handout)."}, rule='maxLength')
        if "video_url" in data_keys:
            data_keys.remove("video_url")
            data__videourl = data["video_url"]
            if not isinstance(data__videourl, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".video_url must be string or null", value=data__videourl, name="" + (name_prefix or "data") + ".video_url", definition={'type': ['string', 'null'], 'pattern': '^https?://\\S+$', 'maxLength': 500, 'description': 'Optional link to a video of the exercise; the handout prints it as a QR code.'}, rule='type')
            if isinstance(data__videourl, str):
                data__videourl_len = len(data__videourl)
                if data__videourl_len > 500:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".video_url must be shorter than or equal to 500 characters", value=data__videourl, name="" + (name_prefix or "data") + ".video_url", definition={'type': ['string', 'null'], 'pattern': '^https?://\\S+$', 'maxLength': 500, 'description': 'Optional link to a video of the exercise; the handout prints it as a QR code.'}, rule='maxLength')
                if not REGEX_PATTERNS['^https?://\\S+$'].search(data__videourl):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".video_url must match pattern ^https?://\\S+$", value=data__videourl, name="" + (name_prefix or "data") + ".video_url", definition={'type': ['string', 'null'], 'pattern': '^https?://\\S+$', 'maxLength': 500, 'description': 'Optional link to a video of the exercise; the handout prints it as a QR code.'}, rule='pattern')
        if "common_faults" in data_keys:
            data_keys.remove("common_faults")
            data__commonfaults = data["common_faults"]
            validate_medius_exercise_v1__definitions_sentences(data__commonfaults, custom_formats, (name_prefix or "data") + ".common_faults")
            data__commonfaults_is_list = isinstance(data__commonfaults, (list, tuple))
            if data__commonfaults_is_list:
                data__commonfaults_len = len(data__commonfaults)
                if data__commonfaults_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".common_faults must contain at least 1 items", value=data__commonfaults, name="" + (name_prefix or "data") + ".common_faults", definition={'minItems': 1, 'allOf': [{'type': 'array', 'items': {'type': 'string', 'minLength': 3, 'maxLength': 160}}]}, rule='minItems')
        if "dosage" in data_keys:
            data_keys.remove("dosage")
            data__dosage = data["dosage"]
            if not isinstance(data__dosage, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".dosage must be object", value=data__dosage, name="" + (name_prefix or "data") + ".dosage", definition={'type': 'object', 'additionalProperties': False, 'required': ['sets', 'reps', 'hold_s', 'rest_s', 'days_per_week', 'basis'], 'properties': {'sets': {'type': 'integer', 'minimum': 1, 'maximum': 10}, 'reps': {'type': ['integer', 'null'], 'minimum': 1, 'maximum': 30}, 'hold_s': {'type': ['integer', 'null'], 'minimum': 5, 'maximum': 120}, 'rest_s': {'type': ['integer', 'null'], 'minimum': 0, 'maximum': 300}, 'days_per_week': {'type': 'integer', 'minimum': 1, 'maximum': 7}, 'basis': {'type': 'string', 'minLength': 10}}, 'oneOf': [{'properties': {'reps': {'type': 'integer'}, 'hold_s': {'type': 'null'}}}, {'properties': {'reps': {'type': 'null'}, 'hold_s': {'type': 'integer'}}}]}, rule='type')
            data__dosage_one_of_count1 = 0
            if data__dosage_one_of_count1 < 2:
                try:
                    data__dosage_is_dict = isinstance(data__dosage, dict)
                    if data__dosage_is_dict:
                        data__dosage_keys = set(data__dosage.keys())
                        if "reps" in data__dosage_keys:
                            data__dosage_keys.remove("reps")
                            data__dosage__reps = data__dosage["reps"]
                            if not isinstance(data__dosage__reps, (int)) and not (isinstance(data__dosage__reps, float) and data__dosage__reps.is_integer()) or isinstance(data__dosage__reps, bool):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".dosage.reps must be integer", value=data__dosage__reps, name="" + (name_prefix or "data") + ".dosage.reps", definition={'type': 'integer'}, rule='type')
                        if "hold_s" in data__dosage_keys:
                            data__dosage_keys.remove("hold_s")
                            data__dosage__holds = data__dosage["hold_s"]
                            if not isinstance(data__dosage__holds, (NoneType)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".dosage.hold_s must be null", value=data__dosage__holds, name="" + (name_prefix or "data") + ".dosage.hold_s", definition={'type': 'null'}, rule='type')
                    data__dosage_one_of_count1 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if data__dosage_one_of_count1 < 2:
                try:
                    data__dosage_is_dict = isinstance(data__dosage, dict)
                    if data__dosage_is_dict:
                        data__dosage_keys = set(data__dosage.keys())
                        if "reps" in data__dosage_keys:
                            data__dosage_keys.remove("reps")
                            data__dosage__reps = data__dosage["reps"]
                            if not isinstance(data__dosage__reps, (NoneType)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".dosage.reps must be null", value=data__dosage__reps, name="" + (name_prefix or "data") + ".dosage.reps", definition={'type': 'null'}, rule='type')
                        if "hold_s" in data__dosage_keys:
                            data__dosage_keys.remove("hold_s")
                            data__dosage__holds = data__dosage["hold_s"]
                            if not isinstance(data__dosage__holds, (int)) and not (isinstance(data__dosage__holds, float) and data__dosage__holds.is_integer()) or isinstance(data__dosage__holds, bool):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".dosage.hold_s must be integer", value=data__dosage__holds, name="" + (name_prefix or "data") + ".dosage.hold_s", definition={'type': 'integer'}, rule='type')
                    data__dosage_one_of_count1 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if data__dosage_one_of_count1 != 1:
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".dosage must be valid exactly by one definition" + (" (" + str(data__dosage_one_of_count1) + " matches found)"), value=data__dosage, name="" + (name_prefix or "data") + ".dosage", definition={'type': 'object', 'additionalProperties': False, 'required': ['sets', 'reps', 'hold_s', 'rest_s', 'days_per_week', 'basis'], 'properties': {'sets': {'type': 'integer', 'minimum': 1, 'maximum': 10}, 'reps': {'type': ['integer', 'null'], 'minimum': 1, 'maximum': 30}, 'hold_s': {'type': ['integer', 'null'], 'minimum': 5, 'maximum': 120}, 'rest_s': {'type': ['integer', 'null'], 'minimum': 0, 'maximum': 300}, 'days_per_week': {'type': 'integer', 'minimum': 1, 'maximum': 7}, 'basis': {'type': 'string', 'minLength': 10}}, 'oneOf': [{'properties': {'reps': {'type': 'integer'}, 'hold_s': {'type': 'null'}}}, {'properties': {'reps': {'type': 'null'}, 'hold_s': {'type': 'integer'}}}]}, rule='oneOf')
            data__dosage_is_dict = isinstance(data__dosage, dict)
            if data__dosage_is_dict:
                data__dosage__missing_keys = set(['sets', 'reps', 'hold_s', 'rest_s', 'days_per_week', 'basis']) - data__dosage.keys()
                if data__dosage__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".dosage must contain " + (str(sorted(data__dosage__missing_keys)) + " properties"), value=data__dosage, name="" + (name_prefix or "data") + ".dosage", definition={'type': 'object', 'additionalProperties': False, 'required': ['sets', 'reps', 'hold_s', 'rest_s', 'days_per_week', 'basis'], 'properties': {'sets': {'type': 'integer', 'minimum': 1, 'maximum': 10}, 'reps': {'type': ['integer', 'null'], 'minimum': 1, 'maximum': 30}, 'hold_s': {'type': ['integer', 'null'], 'minimum': 5, 'maximum': 120}, 'rest_s': {'type': ['integer', 'null'], 'minimum': 0, 'maximum': 300}, 'days_per_week': {'type': 'integer', 'minimum': 1, 'maximum': 7}, 'basis': {'type': 'string', 'minLength': 10}}, 'oneOf': [{'properties': {'reps': {'type': 'integer'}, 'hold_s': {'type': 'null'}}}, {'properties': {'reps': {'type': 'null'}, 'hold_s': {'type': 'integer'}}}]}, rule='required')
                data__dosage_keys = set(data__dosage.keys())
                if "sets" in data__dosage_keys:
                    data__dosage_keys.remove("sets")
                    data__dosage__sets = data__dosage["sets"]
                    if not isinstance(data__dosage__sets, (int)) and not (isinstance(data__dosage__sets, float) and data__dosage__sets.is_integer()) or isinstance(data__dosage__sets, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".dosage.sets must be integer", value=data__dosage__sets, name="" + (name_prefix or "data") + ".dosage.sets", definition={'type': 'integer', 'minimum': 1, 'maximum': 10}, rule='type')
                    if isinstance(data__dosage__sets, (int, float, Decimal)) and not isinstance(data__dosage__sets, bool):
                        if data__dosage__sets < 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".dosage.sets must be bigger than or equal to 1", value=data__dosage__sets, name="" + (name_prefix or "data") + ".dosage.sets", definition={'type': 'integer', 'minimum': 1, 'maximum': 10}, rule='minimum')
                        if data__dosage__sets > 10:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".dosage.sets must be smaller than or equal to 10", value=data__dosage__sets, name="" + (name_prefix or "data") + ".dosage.sets", definition={'type': 'integer', 'minimum': 1, 'maximum': 10}, rule='maximum')
                if "reps" in data__dosage_keys:
                    data__dosage_keys.remove("reps")
                    data__dosage__reps = data__dosage["reps"]
                    if not isinstance(data__dosage__reps, (int, NoneType)) and not (isinstance(data__dosage__reps, float) and data__dosage__reps.is_integer()) or isinstance(data__dosage__reps, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".dosage.reps must be integer or null", value=data__dosage__reps, name="" + (name_prefix or "data") + ".dosage.reps", definition={'type': ['integer', 'null'], 'minimum': 1, 'maximum': 30}, rule='type')
                    if isinstance(data__dosage__reps, (int, float, Decimal)) and not isinstance(data__dosage__reps, bool):
                        if data__dosage__reps < 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".dosage.reps must be bigger than or equal to 1", value=data__dosage__reps, name="" + (name_prefix or "data") + ".dosage.reps", definition={'type': ['integer', 'null'], 'minimum': 1, 'maximum': 30}, rule='minimum')
                        if data__dosage__reps > 30:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".dosage.reps must be smaller than or equal to 30", value=data__dosage__reps, name="" + (name_prefix or "data") + ".dosage.reps", definition={'type': ['integer', 'null'], 'minimum': 1, 'maximum': 30}, rule='maximum')
                if "hold_s" in data__dosage_keys:
                    data__dosage_keys.remove("hold_s")
                    data__dosage__holds = data__dosage["hold_s"]
                    if not isinstance(data__dosage__holds, (int, NoneType)) and not (isinstance(data__dosage__holds, float) and data__dosage__holds.is_integer()) or isinstance(data__dosage__holds, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".dosage.hold_s must be integer or null", value=data__dosage__holds, name="" + (name_prefix or "data") + ".dosage.hold_s", definition={'type': ['integer', 'null'], 'minimum': 5, 'maximum': 120}, rule='type')
                    if isinstance(data__dosage__holds, (int, float, Decimal)) and not isinstance(data__dosage__holds, bool):
                        if data__dosage__holds < 5:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".dosage.hold_s must be bigger than or equal to 5", value=data__dosage__holds, name="" + (name_prefix or "data") + ".dosage.hold_s", definition={'type': ['integer', 'null'], 'minimum': 5, 'maximum': 120}, rule='minimum')
                        if data__dosage__holds > 120:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".dosage.hold_s must be smaller than or equal to 120", value=data__dosage__holds, name="" + (name_prefix or "data") + ".dosage.hold_s", definition={'type': ['integer', 'null'], 'minimum': 5, 'maximum': 120}, rule='maximum')
                if "rest_s" in data__dosage_keys:
                    data__dosage_keys.remove("rest_s")
                    data__dosage__rests = data__dosage["rest_s"]
                    if not isinstance(data__dosage__rests, (int, NoneType)) and not (isinstance(data__dosage__rests, float) and data__dosage__rests.is_integer()) or isinstance(data__dosage__rests, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".dosage.rest_s must be integer or null", value=data__dosage__rests, name="" + (name_prefix or "data") + ".dosage.rest_s", definition={'type': ['integer', 'null'], 'minimum': 0, 'maximum': 300}, rule='type')
                    if isinstance(data__dosage__rests, (int, float, Decimal)) and not isinstance(data__dosage__rests, bool):
                        if data__dosage__rests < 0:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".dosage.rest_s must be bigger than or equal to 0", value=data__dosage__rests, name="" + (name_prefix or "data") + ".dosage.rest_s", definition={'type': ['integer', 'null'], 'minimum': 0, 'maximum': 300}, rule='minimum')
                        if data__dosage__rests > 300:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".dosage.rest_s must be smaller than or equal to 300", value=data__dosage__rests, name="" + (name_prefix or "data") + ".dosage.rest_s", definition={'type': ['integer', 'null'], 'minimum': 0, 'maximum': 300}, rule='maximum')
                if "days_per_week" in data__dosage_keys:
                    data__dosage_keys.remove("days_per_week")
                    data__dosage__daysperweek = data__dosage["days_per_week"]
                    if not isinstance(data__dosage__daysperweek, (int)) and not (isinstance(data__dosage__daysperweek, float) and data__dosage__daysperweek.is_integer()) or isinstance(data__dosage__daysperweek, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".dosage.days_per_week must be integer", value=data__dosage__daysperweek, name="" + (name_prefix or "data") + ".dosage.days_per_week", definition={'type': 'integer', 'minimum': 1, 'maximum': 7}, rule='type')
                    if isinstance(data__dosage__daysperweek, (int, float, Decimal)) and not isinstance(data__dosage__daysperweek, bool):
                        if data__dosage__daysperweek < 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".dosage.days_per_week must be bigger than or equal to 1", value=data__dosage__daysperweek, name="" + (name_prefix or "data") + ".dosage.days_per_week", definition={'type': 'integer', 'minimum': 1, 'maximum': 7}, rule='minimum')
                        if data__dosage__daysperweek > 7:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".dosage.days_per_week must be smaller than or equal to 7", value=data__dosage__daysperweek, name="" + (name_prefix or "data") + ".dosage.days_per_week", definition={'type': 'integer', 'minimum': 1, 'maximum': 7}, rule='maximum')
                if "basis" in data__dosage_keys:
                    data__dosage_keys.remove("basis")
                    data__dosage__basis = data__dosage["basis"]
                    if not isinstance(data__dosage__basis, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".dosage.basis must be string", value=data__dosage__basis, name="" + (name_prefix or "data") + ".dosage.basis", definition={'type': 'string', 'minLength': 10}, rule='type')
                    if isinstance(data__dosage__basis, str):
                        data__dosage__basis_len = len(data__dosage__basis)
                        if data__dosage__basis_len < 10:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".dosage.basis must be longer than or equal to 10 characters", value=data__dosage__basis, name="" + (name_prefix or "data") + ".dosage.basis", definition={'type': 'string', 'minLength': 10}, rule='minLength')
                if data__dosage_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".dosage must not contain "+str(data__dosage_keys)+" properties", value=data__dosage, name="" + (name_prefix or "data") + ".dosage", definition={'type': 'object', 'additionalProperties': False, 'required': ['sets', 'reps', 'hold_s', 'rest_s', 'days_per_week', 'basis'], 'properties': {'sets': {'type': 'integer', 'minimum': 1, 'maximum': 10}, 'reps': {'type': ['integer', 'null'], 'minimum': 1, 'maximum': 30}, 'hold_s': {'type': ['integer', 'null'], 'minimum': 5, 'maximum': 120}, 'rest_s': {'type': ['integer', 'null'], 'minimum': 0, 'maximum': 300}, 'days_per_week': {'type': 'integer', 'minimum': 1, 'maximum': 7}, 'basis': {'type': 'string', 'minLength': 10}}, 'oneOf': [{'properties': {'reps': {'type': 'integer'}, 'hold_s': {'type': 'null'}}}, {'properties': {'reps': {'type': 'null'}, 'hold_s': {'type': 'integer'}}}]}, rule='additionalProperties')
        if "regression" in data_keys:
            data_keys.remove("regression")
            data__regression = data["regression"]
            validate_medius_exercise_v1__definitions_link(data__regression, custom_formats, (name_prefix or "data") + ".regression")
        if "progression" in data_keys:
            data_keys.remove("progression")
            data__progression = data["progression"]
            validate_medius_exercise_v1__definitions_link(data__progression, custom_formats, (name_prefix or "data") + ".progression")
        if "equipment" in data_keys:
            data_keys.remove("equipment")
            data__equipment = data["equipment"]
            if not isinstance(data__equipment, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".equipment must be array", value=data__equipment, name="" + (name_prefix or "data") + ".equipment", definition={'type': 'array', 'items': {'type': 'string', 'minLength': 2}, 'uniqueItems': True}, rule='type')
            data__equipment_is_list = isinstance(data__equipment, (list, tuple))
            if data__equipment_is_list:
                def fn(var): return frozenset(dict((k, fn(v)) for k, v in var.items()).items()) if hasattr(var, "items") else tuple(fn(v) for v in var) if isinstance(var, (dict, list)) else (bool, var) if isinstance(var, bool) else var
                data__equipment_len = len(data__equipment)
                if data__equipment_len > len(set(fn(data__equipment_x) for data__equipment_x in data__equipment)):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".equipment must contain unique items", value=data__equipment, name="" + (name_prefix or "data") + ".equipment", definition={'type': 'array', 'items': {'type': 'string', 'minLength': 2}, 'uniqueItems': True}, rule='uniqueItems')
                for data__equipment_x, data__equipment_item in enumerate(data__equipment):
                    if not isinstance(data__equipment_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".equipment[{data__equipment_x}]".format(**locals()) + " must be string", value=data__equipment_item, name="" + (name_prefix or "data") + ".equipment[{data__equipment_x}]".format(**locals()) + "", definition={'type': 'string', 'minLength': 2}, rule='type')
                    if isinstance(data__equipment_item, str):
                        data__equipment_item_len = len(data__equipment_item)
                        if data__equipment_item_len < 2:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".equipment[{data__equipment_x}]".format(**locals()) + " must be longer than or equal to 2 characters", value=data__equipment_item, name="" + (name_prefix or "data") + ".equipment[{data__equipment_x}]".format(**locals()) + "", definition={'type': 'string', 'minLength': 2}, rule='minLength')
        if "evidence" in data_keys:
            data_keys.remove("evidence")
            data__evidence = data["evidence"]
            data__evidence_one_of_count2 = 0
            if data__evidence_one_of_count2 < 2:
                try:
                    if not (isinstance(data__evidence, str) and data__evidence == 'convention'):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".evidence must be same as const definition: convention", value=data__evidence, name="" + (name_prefix or "data") + ".evidence", definition={'const': 'convention'}, rule='const')
                    data__evidence_one_of_count2 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if data__evidence_one_of_count2 < 2:
                try:
                    if not isinstance(data__evidence, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".evidence must be object", value=data__evidence, name="" + (name_prefix or "data") + ".evidence", definition={'type': 'object', 'additionalProperties': False, 'required': ['pct_mvic', 'citation', 'tag'], 'properties': {'pct_mvic': {'type': ['number', 'null'], 'minimum': 0, 'maximum': 200}, 'measure': {'enum': ['mean', 'peak', None]}, 'citation': {'type': 'string', 'minLength': 5}, 'tag': {'enum': ['V', 'S', 'U']}, 'note': {'type': 'string'}}}, rule='type')
                    data__evidence_is_dict = isinstance(data__evidence, dict)
                    if data__evidence_is_dict:
                        data__evidence__missing_keys = set(['pct_mvic', 'citation', 'tag']) - data__evidence.keys()
                        if data__evidence__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".evidence must contain " + (str(sorted(data__evidence__missing_keys)) + " properties"), value=data__evidence, name="" + (name_prefix or "data") + ".evidence", definition={'type': 'object', 'additionalProperties': False, 'required': ['pct_mvic', 'citation', 'tag'], 'properties': {'pct_mvic': {'type': ['number', 'null'], 'minimum': 0, 'maximum': 200}, 'measure': {'enum': ['mean', 'peak', None]}, 'citation': {'type': 'string', 'minLength': 5}, 'tag': {'enum': ['V', 'S', 'U']}, 'note': {'type': 'string'}}}, rule='required')
                        data__evidence_keys = set(data__evidence.keys())
                        if "pct_mvic" in data__evidence_keys:
                            data__evidence_keys.remove("pct_mvic")
                            data__evidence__pctmvic = data__evidence["pct_mvic"]
                            if not isinstance(data__evidence__pctmvic, (int, float, Decimal, NoneType)) or isinstance(data__evidence__pctmvic, bool):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".evidence.pct_mvic must be number or null", value=data__evidence__pctmvic, name="" + (name_prefix or "data") + ".evidence.pct_mvic", definition={'type': ['number', 'null'], 'minimum': 0, 'maximum': 200}, rule='type')
                            if isinstance(data__evidence__pctmvic, (int, float, Decimal)) and not isinstance(data__evidence__pctmvic, bool):
                                if data__evidence__pctmvic < 0:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".evidence.pct_mvic must be bigger than or equal to 0", value=data__evidence__pctmvic, name="" + (name_prefix or "data") + ".evidence.pct_mvic", definition={'type': ['number', 'null'], 'minimum': 0, 'maximum': 200}, rule='minimum')
                                if data__evidence__pctmvic > 200:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".evidence.pct_mvic must be smaller than or equal to 200", value=data__evidence__pctmvic, name="" + (name_prefix or "data") + ".evidence.pct_mvic", definition={'type': ['number', 'null'], 'minimum': 0, 'maximum': 200}, rule='maximum')
                        if "measure" in data__evidence_keys:
                            data__evidence_keys.remove("measure")
                            data__evidence__measure = data__evidence["measure"]
                            if not (isinstance(data__evidence__measure, str) and data__evidence__measure == 'mean' or isinstance(data__evidence__measure, str) and data__evidence__measure == 'peak' or data__evidence__measure is None):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".evidence.measure must be one of ['mean', 'peak', None]", value=data__evidence__measure, name="" + (name_prefix or "data") + ".evidence.measure", definition={'enum': ['mean', 'peak', None]}, rule='enum')
                        if "citation" in data__evidence_keys:
                            data__evidence_keys.remove("citation")
                            data__evidence__citation = data__evidence["citation"]
                            if not isinstance(data__evidence__citation, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".evidence.citation must be string", value=data__evidence__citation, name="" + (name_prefix or "data") + ".evidence.citation", definition={'type': 'string', 'minLength': 5}, rule='type')
                            if isinstance(data__evidence__citation, str):
                                data__evidence__citation_len = len(data__evidence__citation)
                                if data__evidence__citation_len < 5:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".evidence.citation must be longer than or equal to 5 characters", value=data__evidence__citation, name="" + (name_prefix or "data") + ".evidence.citation", definition={'type': 'string', 'minLength': 5}, rule='minLength')
                        if "tag" in data__evidence_keys:
                            data__evidence_keys.remove("tag")
                            data__evidence__tag = data__evidence["tag"]
                            if not (isinstance(data__evidence__tag, str) and data__evidence__tag == 'V' or isinstance(data__evidence__tag, str) and data__evidence__tag == 'S' or isinstance(data__evidence__tag, str) and data__evidence__tag == 'U'):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".evidence.tag must be one of ['V', 'S', 'U']", value=data__evidence__tag, name="" + (name_prefix or "data") + ".evidence.tag", definition={'enum': ['V', 'S', 'U']}, rule='enum')
                        if "note" in data__evidence_keys:
                            data__evidence_keys.remove("note")
                            data__evidence__note = data__evidence["note"]
                            if not isinstance(data__evidence__note, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".evidence.note must be string", value=data__evidence__note, name="" + (name_prefix or "data") + ".evidence.note", definition={'type': 'string'}, rule='type')
                        if data__evidence_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".evidence must not contain "+str(data__evidence_keys)+" properties", value=data__evidence, name="" + (name_prefix or "data") + ".evidence", definition={'type': 'object', 'additionalProperties': False, 'required': ['pct_mvic', 'citation', 'tag'], 'properties': {'pct_mvic': {'type': ['number', 'null'], 'minimum': 0, 'maximum': 200}, 'measure': {'enum': ['mean', 'peak', None]}, 'citation': {'type': 'string', 'minLength': 5}, 'tag': {'enum': ['V', 'S', 'U']}, 'note': {'type': 'string'}}}, rule='additionalProperties')
                    data__evidence_one_of_count2 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if data__evidence_one_of_count2 != 1:
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".evidence must be valid exactly by one definition" + (" (" + str(data__evidence_one_of_count2) + " matches found)"), value=data__evidence, name="" + (name_prefix or "data") + ".evidence", definition={'oneOf': [{'const': 'convention'}, {'type': 'object', 'additionalProperties': False, 'required': ['pct_mvic', 'citation', 'tag'], 'properties': {'pct_mvic': {'type': ['number', 'null'], 'minimum': 0, 'maximum': 200}, 'measure': {'enum': ['mean', 'peak', None]}, 'citation': {'type': 'string', 'minLength': 5}, 'tag': {'enum': ['V', 'S', 'U']}, 'note': {'type': 'string'}}}]}, rule='oneOf')
        if "pose" in data_keys:
            data_keys.remove("pose")
            data__pose = data["pose"]
            validate_medius_exercise_v1__definitions_pose(data__pose, custom_formats, (name_prefix or "data") + ".pose")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'http://json-schema.org/draft-07/schema#', '$id': 'medius-exercise-v1', 'title': 'Medius exercise library entry', 'description': 'One exercise of the gluteus medius library (clinical-reference.md §7 and §8). The file name is the id plus .json.', 'type': 'object', 'additionalProperties': False, 'required': ['id', 'name', 'stage', 'phase', 'target', 'position', 'side_specific', 'steps', 'cues', 'common_faults', 'dosage', 'regression', 'progression', 'equipment', 'evidence', 'pose'], 'properties': {'id': {'type': 'string', 'pattern': '^[a-z][a-z0-9]*(_[a-z0-9]+)*$'}, 'name': {'type': 'string', 'minLength': 3, 'maxLength': 60}, 'stage': {'type': 'integer', 'minimum': 0, 'maximum': 4}, 'phase': {'enum': ['release_stretch', 'strengthening']}, 'target': {'type': 'string', 'minLength': 3}, 'position': {'type': 'string', 'minLength': 3}, 'side_specific': {'type': 'boolean', 'description': 'True when the exercise works one side at a time, so a program names the side.'}, 'steps': {'minItems': 3, 'maxItems': 8, 'allOf': [{'type': 'array', 'items': {'type': 'string', 'minLength': 3, 'maxLength': 160}}]}, 'cues': {'minItems': 1, 'allOf': [{'type': 'array', 'items': {'type': 'string', 'minLength': 3, 'maxLength': 160}}]}, 'feel': {'type': 'string', 'minLength': 10, 'maxLength': 160, 'description': "What the client should feel, in plain words (printed on the client's handout)."}, 'video_url': {'type': ['string', 'null'], 'pattern': '^https?://\\S+$', 'maxLength': 500, 'description': 'Optional link to a video of the exercise; the handout prints it as a QR code.'}, 'common_faults': {'minItems': 1, 'allOf': [{'type': 'array', 'items': {'type': 'string', 'minLength': 3, 'maxLength': 160}}]}, 'dosage': {'type': 'object', 'additionalProperties': False, 'required': ['sets', 'reps', 'hold_s', 'rest_s', 'days_per_week', 'basis'], 'properties': {'sets': {'type': 'integer', 'minimum': 1, 'maximum': 10}, 'reps': {'type': ['integer', 'null'], 'minimum': 1, 'maximum': 30}, 'hold_s': {'type': ['integer', 'null'], 'minimum': 5, 'maximum': 120}, 'rest_s': {'type': ['integer', 'null'], 'minimum': 0, 'maximum': 300}, 'days_per_week': {'type': 'integer', 'minimum': 1, 'maximum': 7}, 'basis': {'type': 'string', 'minLength': 10}}, 'oneOf': [{'properties': {'reps': {'type': 'integer'}, 'hold_s': {'type': 'null'}}}, {'properties': {'reps': {'type': 'null'}, 'hold_s': {'type': 'integer'}}}]}, 'regression': {'oneOf': [{'type': 'null'}, {'type': 'string', 'pattern': '^[a-z][a-z0-9_]*$'}]}, 'progression': {'oneOf': [{'type': 'null'}, {'type': 'string', 'pattern': '^[a-z][a-z0-9_]*$'}]}, 'equipment': {'type': 'array', 'items': {'type': 'string', 'minLength': 2}, 'uniqueItems': True}, 'evidence': {'oneOf': [{'const': 'convention'}, {'type': 'object', 'additionalProperties': False, 'required': ['pct_mvic', 'citation', 'tag'], 'properties': {'pct_mvic': {'type': ['number', 'null'], 'minimum': 0, 'maximum': 200}, 'measure': {'enum': ['mean', 'peak', None]}, 'citation': {'type': 'string', 'minLength': 5}, 'tag': {'enum': ['V', 'S', 'U']}, 'note': {'type': 'string'}}}]}, 'pose': {'type': 'object', 'additionalProperties': False, 'required': ['view', 'start', 'props', 'arrows'], 'properties': {'view': {'enum': ['side', 'front']}, 'start': {'$ref': 'medius-exercise-v1#/definitions/figure'}, 'end': {'$ref': 'medius-exercise-v1#/definitions/figure'}, 'props': {'type': 'array', 'items': {'$ref': 'medius-exercise-v1#/definitions/prop'}}, 'arrows': {'type': 'array', 'items': {'$ref': 'medius-exercise-v1#/definitions/arrow'}}, 'hold_mark': {'description': 'Where the small clock sits for holds (scene point).', '$ref': 'medius-exercise-v1#/definitions/point'}}}}, 'definitions': {'sentences': {'type': 'array', 'items': {'type': 'string', 'minLength': 3, 'maxLength': 160}}, 'link': {'oneOf': [{'type': 'null'}, {'type': 'string', 'pattern': '^[a-z][a-z0-9_]*$'}]}, 'point': {'type': 'array', 'items': {'type': 'number'}, 'minItems': 2, 'maxItems': 2}, 'joint': {'enum': ['pelvis', 'hip_near', 'hip_far', 'neck', 'head', 'shoulder_near', 'shoulder_far', 'elbow_near', 'elbow_far', 'hand_near', 'hand_far', 'knee_near', 'knee_far', 'ankle_near', 'ankle_far', 'toe_near', 'toe_far']}, 'pose_ref': {'description': "A joint of the start or end figure, e.g. 'end.knee_near'.", 'type': 'string', 'pattern': '^(start|end)\\.(pelvis|hip_near|hip_far|neck|head|shoulder_near|shoulder_far|elbow_near|elbow_far|hand_near|hand_far|knee_near|knee_far|ankle_near|ankle_far|toe_near|toe_far)$'}, 'where': {'oneOf': [{'type': 'array', 'items': {'type': 'number'}, 'minItems': 2, 'maxItems': 2}, {'description': "A joint of the start or end figure, e.g. 'end.knee_near'.", 'type': 'string', 'pattern': '^(start|end)\\.(pelvis|hip_near|hip_far|neck|head|shoulder_near|shoulder_far|elbow_near|elbow_far|hand_near|hand_far|knee_near|knee_far|ankle_near|ankle_far|toe_near|toe_far)$'}]}, 'angle': {'type': 'number', 'minimum': -360, 'maximum': 360}, 'figure': {'description': 'One figure. Angles are absolute directions in degrees in the picture plane (0 = right, 90 = up), so the drawing stays consistent whatever the view.', 'type': 'object', 'additionalProperties': False, 'required': ['anchor', 'trunk', 'head', 'arm_near', 'arm_far', 'leg_near', 'leg_far'], 'properties': {'anchor': {'type': 'array', 'description': '[joint, x, y]: the joint placed at this scene point; the floor is y = 0.', 'items': [{'enum': ['pelvis', 'hip_near', 'hip_far', 'neck', 'head', 'shoulder_near', 'shoulder_far', 'elbow_near', 'elbow_far', 'hand_near', 'hand_far', 'knee_near', 'knee_far', 'ankle_near', 'ankle_far', 'toe_near', 'toe_far']}, {'type': 'number'}, {'type': 'number'}], 'minItems': 3, 'additionalItems': False}, 'trunk': {'type': 'number', 'minimum': -360, 'maximum': 360}, 'head': {'type': 'number', 'minimum': -360, 'maximum': 360}, 'arm_near': {'type': 'array', 'items': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'minItems': 2, 'maxItems': 2}, 'arm_far': {'type': 'array', 'items': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'minItems': 2, 'maxItems': 2}, 'leg_near': {'type': 'array', 'items': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'minItems': 3, 'maxItems': 3}, 'leg_far': {'type': 'array', 'items': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'minItems': 3, 'maxItems': 3}, 'scale': {'type': 'object', 'description': 'Shortened segments (foreshortening), segment name -> factor.', 'additionalProperties': False, 'patternProperties': {'^(trunk|upper_arm|forearm|thigh|shank|foot)_(near|far)$|^trunk$': {'type': 'number', 'minimum': 0.2, 'maximum': 1.5}}}, 'hide': {'type': 'array', 'items': {'enum': ['arm_near', 'arm_far', 'leg_near', 'leg_far']}, 'uniqueItems': True}}}, 'limb2': {'type': 'array', 'items': {'type': 'number', 'minimum': -360, 'maximum': 360}, 'minItems': 2, 'maxItems': 2}, 'limb3': {'type': 'array', 'items': {'type': 'number', 'minimum': -360, 'maximum': 360}, 'minItems': 3, 'maxItems': 3}, 'prop': {'type': 'object', 'required': ['type'], 'properties': {'type': {'enum': ['mat', 'roller', 'ball', 'band', 'step', 'wall', 'weight', 'bench']}}, 'allOf': [{'if': {'properties': {'type': {'const': 'mat'}}}, 'then': {'required': ['x'], 'properties': {'x': {'type': 'array', 'items': {'type': 'number'}, 'minItems': 2, 'maxItems': 2}}}}, {'if': {'properties': {'type': {'enum': ['roller', 'ball']}}}, 'then': {'required': ['at', 'r'], 'properties': {'at': {'type': 'array', 'items': {'type': 'number'}, 'minItems': 2, 'maxItems': 2}, 'r': {'type': 'number', 'minimum': 2, 'maximum': 20}}}}, {'if': {'properties': {'type': {'const': 'band'}}}, 'then': {'required': ['between'], 'properties': {'between': {'type': 'array', 'items': {'enum': ['pelvis', 'hip_near', 'hip_far', 'neck', 'head', 'shoulder_near', 'shoulder_far', 'elbow_near', 'elbow_far', 'hand_near', 'hand_far', 'knee_near', 'knee_far', 'ankle_near', 'ankle_far', 'toe_near', 'toe_far']}, 'minItems': 2, 'maxItems': 2}}}}, {'if': {'properties': {'type': {'enum': ['step', 'bench']}}}, 'then': {'required': ['x', 'w', 'h'], 'properties': {'x': {'type': 'number'}, 'w': {'type': 'number', 'minimum': 5}, 'h': {'type': 'number', 'minimum': 2}}}}, {'if': {'properties': {'type': {'const': 'wall'}}}, 'then': {'required': ['x'], 'properties': {'x': {'type': 'number'}, 'h': {'type': 'number'}}}}, {'if': {'properties': {'type': {'const': 'weight'}}}, 'then': {'required': ['at'], 'properties': {'at': {'enum': ['pelvis', 'hip_near', 'hip_far', 'neck', 'head', 'shoulder_near', 'shoulder_far', 'elbow_near', 'elbow_far', 'hand_near', 'hand_far', 'knee_near', 'knee_far', 'ankle_near', 'ankle_far', 'toe_near', 'toe_far']}, 'kind': {'enum': ['cuff', 'kettlebell', 'dumbbell']}}}}]}, 'arrow': {'type': 'object', 'additionalProperties': False, 'required': ['from', 'to'], 'properties': {'from': {'oneOf': [{'$ref': '#/definitions/point'}, {'$ref': '#/definitions/pose_ref'}]}, 'to': {'oneOf': [{'$ref': '#/definitions/point'}, {'$ref': '#/definitions/pose_ref'}]}, 'offset': {'type': 'array', 'items': {'type': 'number'}, 'minItems': 2, 'maxItems': 2}, 'bend': {'type': 'number', 'minimum': -1, 'maximum': 1}, 'both_ends': {'type': 'boolean'}}}, 'pose': {'type': 'object', 'additionalProperties': False, 'required': ['view', 'start', 'props', 'arrows'], 'properties': {'view': {'enum': ['side', 'front']}, 'start': {'description': 'One figure. Angles are absolute directions in degrees in the picture plane (0 = right, 90 = up), so the drawing stays consistent whatever the view.', 'type': 'object', 'additionalProperties': False, 'required': ['anchor', 'trunk', 'head', 'arm_near', 'arm_far', 'leg_near', 'leg_far'], 'properties': {'anchor': {'type': 'array', 'description': '[joint, x, y]: the joint placed at this scene point; the floor is y = 0.', 'items': [{'$ref': '#/definitions/joint'}, {'type': 'number'}, {'type': 'number'}], 'minItems': 3, 'additionalItems': False}, 'trunk': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'head': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'arm_near': {'$ref': 'medius-exercise-v1#/definitions/limb2'}, 'arm_far': {'$ref': 'medius-exercise-v1#/definitions/limb2'}, 'leg_near': {'$ref': 'medius-exercise-v1#/definitions/limb3'}, 'leg_far': {'$ref': 'medius-exercise-v1#/definitions/limb3'}, 'scale': {'type': 'object', 'description': 'Shortened segments (foreshortening), segment name -> factor.', 'additionalProperties': False, 'patternProperties': {'^(trunk|upper_arm|forearm|thigh|shank|foot)_(near|far)$|^trunk$': {'type': 'number', 'minimum': 0.2, 'maximum': 1.5}}}, 'hide': {'type': 'array', 'items': {'enum': ['arm_near', 'arm_far', 'leg_near', 'leg_far']}, 'uniqueItems': True}}}, 'end': {'description': 'One figure. Angles are absolute directions in degrees in the picture plane (0 = right, 90 = up), so the drawing stays consistent whatever the view.', 'type': 'object', 'additionalProperties': False, 'required': ['anchor', 'trunk', 'head', 'arm_near', 'arm_far', 'leg_near', 'leg_far'], 'properties': {'anchor': {'type': 'array', 'description': '[joint, x, y]: the joint placed at this scene point; the floor is y = 0.', 'items': [{'$ref': '#/definitions/joint'}, {'type': 'number'}, {'type': 'number'}], 'minItems': 3, 'additionalItems': False}, 'trunk': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'head': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'arm_near': {'$ref': 'medius-exercise-v1#/definitions/limb2'}, 'arm_far': {'$ref': 'medius-exercise-v1#/definitions/limb2'}, 'leg_near': {'$ref': 'medius-exercise-v1#/definitions/limb3'}, 'leg_far': {'$ref': 'medius-exercise-v1#/definitions/limb3'}, 'scale': {'type': 'object', 'description': 'Shortened segments (foreshortening), segment name -> factor.', 'additionalProperties': False, 'patternProperties': {'^(trunk|upper_arm|forearm|thigh|shank|foot)_(near|far)$|^trunk$': {'type': 'number', 'minimum': 0.2, 'maximum': 1.5}}}, 'hide': {'type': 'array', 'items': {'enum': ['arm_near', 'arm_far', 'leg_near', 'leg_far']}, 'uniqueItems': True}}}, 'props': {'type': 'array', 'items': {'type': 'object', 'required': ['type'], 'properties': {'type': {'enum': ['mat', 'roller', 'ball', 'band', 'step', 'wall', 'weight', 'bench']}}, 'allOf': [{'if': {'properties': {'type': {'const': 'mat'}}}, 'then': {'required': ['x'], 'properties': {'x': {'$ref': '#/definitions/point'}}}}, {'if': {'properties': {'type': {'enum': ['roller', 'ball']}}}, 'then': {'required': ['at', 'r'], 'properties': {'at': {'$ref': '#/definitions/point'}, 'r': {'type': 'number', 'minimum': 2, 'maximum': 20}}}}, {'if': {'properties': {'type': {'const': 'band'}}}, 'then': {'required': ['between'], 'properties': {'between': {'type': 'array', 'items': {'$ref': '#/definitions/joint'}, 'minItems': 2, 'maxItems': 2}}}}, {'if': {'properties': {'type': {'enum': ['step', 'bench']}}}, 'then': {'required': ['x', 'w', 'h'], 'properties': {'x': {'type': 'number'}, 'w': {'type': 'number', 'minimum': 5}, 'h': {'type': 'number', 'minimum': 2}}}}, {'if': {'properties': {'type': {'const': 'wall'}}}, 'then': {'required': ['x'], 'properties': {'x': {'type': 'number'}, 'h': {'type': 'number'}}}}, {'if': {'properties': {'type': {'const': 'weight'}}}, 'then': {'required': ['at'], 'properties': {'at': {'$ref': '#/definitions/joint'}, 'kind': {'enum': ['cuff', 'kettlebell', 'dumbbell']}}}}]}}, 'arrows': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['from', 'to'], 'properties': {'from': {'$ref': 'medius-exercise-v1#/definitions/where'}, 'to': {'$ref': 'medius-exercise-v1#/definitions/where'}, 'offset': {'$ref': 'medius-exercise-v1#/definitions/point'}, 'bend': {'type': 'number', 'minimum': -1, 'maximum': 1}, 'both_ends': {'type': 'boolean'}}}}, 'hold_mark': {'type': 'array', 'items': {'type': 'number'}, 'minItems': 2, 'maxItems': 2}}}}}, rule='additionalProperties')
    return data

def validate_medius_exercise_v1__definitions_pose(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['view', 'start', 'props', 'arrows'], 'properties': {'view': {'enum': ['side', 'front']}, 'start': {'description': 'One figure. Angles are absolute directions in degrees in the picture plane (0 = right, 90 = up), so the drawing stays consistent whatever the view.', 'type': 'object', 'additionalProperties': False, 'required': ['anchor', 'trunk', 'head', 'arm_near', 'arm_far', 'leg_near', 'leg_far'], 'properties': {'anchor': {'type': 'array', 'description': '[joint, x, y]: the joint placed at this scene point; the floor is y = 0.', 'items': [{'$ref': '#/definitions/joint'}, {'type': 'number'}, {'type': 'number'}], 'minItems': 3, 'additionalItems': False}, 'trunk': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'head': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'arm_near': {'$ref': 'medius-exercise-v1#/definitions/limb2'}, 'arm_far': {'$ref': 'medius-exercise-v1#/definitions/limb2'}, 'leg_near': {'$ref': 'medius-exercise-v1#/definitions/limb3'}, 'leg_far': {'$ref': 'medius-exercise-v1#/definitions/limb3'}, 'scale': {'type': 'object', 'description': 'Shortened segments (foreshortening), segment name -> factor.', 'additionalProperties': False, 'patternProperties': {'^(trunk|upper_arm|forearm|thigh|shank|foot)_(near|far)$|^trunk$': {'type': 'number', 'minimum': 0.2, 'maximum': 1.5}}}, 'hide': {'type': 'array', 'items': {'enum': ['arm_near', 'arm_far', 'leg_near', 'leg_far']}, 'uniqueItems': True}}}, 'end': {'description': 'One figure. Angles are absolute directions in degrees in the picture plane (0 = right, 90 = up), so the drawing stays consistent whatever the view.', 'type': 'object', 'additionalProperties': False, 'required': ['anchor', 'trunk', 'head', 'arm_near', 'arm_far', 'leg_near', 'leg_far'], 'properties': {'anchor': {'type': 'array', 'description': '[joint, x, y]: the joint placed at this scene point; the floor is y = 0.', 'items': [{'$ref': '#/definitions/joint'}, {'type': 'number'}, {'type': 'number'}], 'minItems': 3, 'additionalItems': False}, 'trunk': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'head': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'arm_near': {'$ref': 'medius-exercise-v1#/definitions/limb2'}, 'arm_far': {'$ref': 'medius-exercise-v1#/definitions/limb2'}, 'leg_near': {'$ref': 'medius-exercise-v1#/definitions/limb3'}, 'leg_far': {'$ref': 'medius-exercise-v1#/definitions/limb3'}, 'scale': {'type': 'object', 'description': 'Shortened segments (foreshortening), segment name -> factor.', 'additionalProperties': False, 'patternProperties': {'^(trunk|upper_arm|forearm|thigh|shank|foot)_(near|far)$|^trunk$': {'type': 'number', 'minimum': 0.2, 'maximum': 1.5}}}, 'hide': {'type': 'array', 'items': {'enum': ['arm_near', 'arm_far', 'leg_near', 'leg_far']}, 'uniqueItems': True}}}, 'props': {'type': 'array', 'items': {'type': 'object', 'required': ['type'], 'properties': {'type': {'enum': ['mat', 'roller', 'ball', 'band', 'step', 'wall', 'weight', 'bench']}}, 'allOf': [{'if': {'properties': {'type': {'const': 'mat'}}}, 'then': {'required': ['x'], 'properties': {'x': {'$ref': '#/definitions/point'}}}}, {'if': {'properties': {'type': {'enum': ['roller', 'ball']}}}, 'then': {'required': ['at', 'r'], 'properties': {'at': {'$ref': '#/definitions/point'}, 'r': {'type': 'number', 'minimum': 2, 'maximum': 20}}}}, {'if': {'properties': {'type': {'const': 'band'}}}, 'then': {'required': ['between'], 'properties': {'between': {'type': 'array', 'items': {'$ref': '#/definitions/joint'}, 'minItems': 2, 'maxItems': 2}}}}, {'if': {'properties': {'type': {'enum': ['step', 'bench']}}}, 'then': {'required': ['x', 'w', 'h'], 'properties': {'x': {'type': 'number'}, 'w': {'type': 'number', 'minimum': 5}, 'h': {'type': 'number', 'minimum': 2}}}}, {'if': {'properties': {'type': {'const': 'wall'}}}, 'then': {'required': ['x'], 'properties': {'x': {'type': 'number'}, 'h': {'type': 'number'}}}}, {'if': {'properties': {'type': {'const': 'weight'}}}, 'then': {'required': ['at'], 'properties': {'at': {'$ref': '#/definitions/joint'}, 'kind': {'enum': ['cuff', 'kettlebell', 'dumbbell']}}}}]}}, 'arrows': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['from', 'to'], 'properties': {'from': {'$ref': 'medius-exercise-v1#/definitions/where'}, 'to': {'$ref': 'medius-exercise-v1#/definitions/where'}, 'offset': {'$ref': 'medius-exercise-v1#/definitions/point'}, 'bend': {'type': 'number', 'minimum': -1, 'maximum': 1}, 'both_ends': {'type': 'boolean'}}}}, 'hold_mark': {'type': 'array', 'items': {'type': 'number'}, 'minItems': 2, 'maxItems': 2}}}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['view', 'start', 'props', 'arrows']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['view', 'start', 'props', 'arrows'], 'properties': {'view': {'enum': ['side', 'front']}, 'start': {'description': 'One figure. Angles are absolute directions in degrees in the picture plane (0 = right, 90 = up), so the drawing stays consistent whatever the view.', 'type': 'object', 'additionalProperties': False, 'required': ['anchor', 'trunk', 'head', 'arm_near', 'arm_far', 'leg_near', 'leg_far'], 'properties': {'anchor': {'type': 'array', 'description': '[joint, x, y]: the joint placed at this scene point; the floor is y = 0.', 'items': [{'$ref': '#/definitions/joint'}, {'type': 'number'}, {'type': 'number'}], 'minItems': 3, 'additionalItems': False}, 'trunk': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'head': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'arm_near': {'$ref': 'medius-exercise-v1#/definitions/limb2'}, 'arm_far': {'$ref': 'medius-exercise-v1#/definitions/limb2'}, 'leg_near': {'$ref': 'medius-exercise-v1#/definitions/limb3'}, 'leg_far': {'$ref': 'medius-exercise-v1#/definitions/limb3'}, 'scale': {'type': 'object', 'description': 'Shortened segments (foreshortening), segment name -> factor.', 'additionalProperties': False, 'patternProperties': {'^(trunk|upper_arm|forearm|thigh|shank|foot)_(near|far)$|^trunk$': {'type': 'number', 'minimum': 0.2, 'maximum': 1.5}}}, 'hide': {'type': 'array', 'items': {'enum': ['arm_near', 'arm_far', 'leg_near', 'leg_far']}, 'uniqueItems': True}}}, 'end': {'description': 'One figure. Angles are absolute directions in degrees in the picture plane (0 = right, 90 = up), so the drawing stays consistent whatever the view.', 'type': 'object', 'additionalProperties': False, 'required': ['anchor', 'trunk', 'head', 'arm_near', 'arm_far', 'leg_near', 'leg_far'], 'properties': {'anchor': {'type': 'array', 'description': '[joint, x, y]: the joint placed at this scene point; the floor is y = 0.', 'items': [{'$ref': '#/definitions/joint'}, {'type': 'number'}, {'type': 'number'}], 'minItems': 3, 'additionalItems': False}, 'trunk': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'head': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'arm_near': {'$ref': 'medius-exercise-v1#/definitions/limb2'}, 'arm_far': {'$ref': 'medius-exercise-v1#/definitions/limb2'}, 'leg_near': {'$ref': 'medius-exercise-v1#/definitions/limb3'}, 'leg_far': {'$ref': 'medius-exercise-v1#/definitions/limb3'}, 'scale': {'type': 'object', 'description': 'Shortened segments (foreshortening), segment name -> factor.', 'additionalProperties': False, 'patternProperties': {'^(trunk|upper_arm|forearm|thigh|shank|foot)_(near|far)$|^trunk$': {'type': 'number', 'minimum': 0.2, 'maximum': 1.5}}}, 'hide': {'type': 'array', 'items': {'enum': ['arm_near', 'arm_far', 'leg_near', 'leg_far']}, 'uniqueItems': True}}}, 'props': {'type': 'array', 'items': {'type': 'object', 'required': ['type'], 'properties': {'type': {'enum': ['mat', 'roller', 'ball', 'band', 'step', 'wall', 'weight', 'bench']}}, 'allOf': [{'if': {'properties': {'type': {'const': 'mat'}}}, 'then': {'required': ['x'], 'properties': {'x': {'$ref': '#/definitions/point'}}}}, {'if': {'properties': {'type': {'enum': ['roller', 'ball']}}}, 'then': {'required': ['at', 'r'], 'properties': {'at': {'$ref': '#/definitions/point'}, 'r': {'type': 'number', 'minimum': 2, 'maximum': 20}}}}, {'if': {'properties': {'type': {'const': 'band'}}}, 'then': {'required': ['between'], 'properties': {'between': {'type': 'array', 'items': {'$ref': '#/definitions/joint'}, 'minItems': 2, 'maxItems': 2}}}}, {'if': {'properties': {'type': {'enum': ['step', 'bench']}}}, 'then': {'required': ['x', 'w', 'h'], 'properties': {'x': {'type': 'number'}, 'w': {'type': 'number', 'minimum': 5}, 'h': {'type': 'number', 'minimum': 2}}}}, {'if': {'properties': {'type': {'const': 'wall'}}}, 'then': {'required': ['x'], 'properties': {'x': {'type': 'number'}, 'h': {'type': 'number'}}}}, {'if': {'properties': {'type': {'const': 'weight'}}}, 'then': {'required': ['at'], 'properties': {'at': {'$ref': '#/definitions/joint'}, 'kind': {'enum': ['cuff', 'kettlebell', 'dumbbell']}}}}]}}, 'arrows': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['from', 'to'], 'properties': {'from': {'$ref': 'medius-exercise-v1#/definitions/where'}, 'to': {'$ref': 'medius-exercise-v1#/definitions/where'}, 'offset': {'$ref': 'medius-exercise-v1#/definitions/point'}, 'bend': {'type': 'number', 'minimum': -1, 'maximum': 1}, 'both_ends': {'type': 'boolean'}}}}, 'hold_mark': {'type': 'array', 'items': {'type': 'number'}, 'minItems': 2, 'maxItems': 2}}}, rule='required')
        data_keys = set(data.keys())
        if "view" in data_keys:
            data_keys.remove("view")
            data__view = data["view"]
            if not (isinstance(data__view, str) and data__view == 'side' or isinstance(data__view, str) and data__view == 'front'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".view must be one of ['side', 'front']", value=data__view, name="" + (name_prefix or "data") + ".view", definition={'enum': ['side', 'front']}, rule='enum')
        if "start" in data_keys:
            data_keys.remove("start")
            data__start = data["start"]
            validate_medius_exercise_v1__definitions_figure(data__start, custom_formats, (name_prefix or "data") + ".start")
        if "end" in data_keys:
            data_keys.remove("end")
            data__end = data["end"]
            validate_medius_exercise_v1__definitions_figure(data__end, custom_formats, (name_prefix or "data") + ".end")
        if "props" in data_keys:
            data_keys.remove("props")
            data__props = data["props"]
            if not isinstance(data__props, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".props must be array", value=data__props, name="" + (name_prefix or "data") + ".props", definition={'type': 'array', 'items': {'type': 'object', 'required': ['type'], 'properties': {'type': {'enum': ['mat', 'roller', 'ball', 'band', 'step', 'wall', 'weight', 'bench']}}, 'allOf': [{'if': {'properties': {'type': {'const': 'mat'}}}, 'then': {'required': ['x'], 'properties': {'x': {'$ref': '#/definitions/point'}}}}, {'if': {'properties': {'type': {'enum': ['roller', 'ball']}}}, 'then': {'required': ['at', 'r'], 'properties': {'at': {'$ref': '#/definitions/point'}, 'r': {'type': 'number', 'minimum': 2, 'maximum': 20}}}}, {'if': {'properties': {'type': {'const': 'band'}}}, 'then': {'required': ['between'], 'properties': {'between': {'type': 'array', 'items': {'$ref': '#/definitions/joint'}, 'minItems': 2, 'maxItems': 2}}}}, {'if': {'properties': {'type': {'enum': ['step', 'bench']}}}, 'then': {'required': ['x', 'w', 'h'], 'properties': {'x': {'type': 'number'}, 'w': {'type': 'number', 'minimum': 5}, 'h': {'type': 'number', 'minimum': 2}}}}, {'if': {'properties': {'type': {'const': 'wall'}}}, 'then': {'required': ['x'], 'properties': {'x': {'type': 'number'}, 'h': {'type': 'number'}}}}, {'if': {'properties': {'type': {'const': 'weight'}}}, 'then': {'required': ['at'], 'properties': {'at': {'$ref': '#/definitions/joint'}, 'kind': {'enum': ['cuff', 'kettlebell', 'dumbbell']}}}}]}}, rule='type')
            data__props_is_list = isinstance(data__props, (list, tuple))
            if data__props_is_list:
                data__props_len = len(data__props)
                for data__props_x, data__props_item in enumerate(data__props):
                    validate_medius_exercise_v1__definitions_prop(data__props_item, custom_formats, (name_prefix or "data") + ".props[{data__props_x}]".format(**locals()))
        if "arrows" in data_keys:
            data_keys.remove("arrows")
            data__arrows = data["arrows"]
            if not isinstance(data__arrows, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".arrows must be array", value=data__arrows, name="" + (name_prefix or "data") + ".arrows", definition={'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['from', 'to'], 'properties': {'from': {'$ref': 'medius-exercise-v1#/definitions/where'}, 'to': {'$ref': 'medius-exercise-v1#/definitions/where'}, 'offset': {'$ref': 'medius-exercise-v1#/definitions/point'}, 'bend': {'type': 'number', 'minimum': -1, 'maximum': 1}, 'both_ends': {'type': 'boolean'}}}}, rule='type')
            data__arrows_is_list = isinstance(data__arrows, (list, tuple))
            if data__arrows_is_list:
                data__arrows_len = len(data__arrows)
                for data__arrows_x, data__arrows_item in enumerate(data__arrows):
                    validate_medius_exercise_v1__definitions_arrow(data__arrows_item, custom_formats, (name_prefix or "data") + ".arrows[{data__arrows_x}]".format(**locals()))
        if "hold_mark" in data_keys:
            data_keys.remove("hold_mark")
            data__holdmark = data["hold_mark"]
            validate_medius_exercise_v1__definitions_point(data__holdmark, custom_formats, (name_prefix or "data") + ".hold_mark")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['view', 'start', 'props', 'arrows'], 'properties': {'view': {'enum': ['side', 'front']}, 'start': {'description': 'One figure. Angles are absolute directions in degrees in the picture plane (0 = right, 90 = up), so the drawing stays consistent whatever the view.', 'type': 'object', 'additionalProperties': False, 'required': ['anchor', 'trunk', 'head', 'arm_near', 'arm_far', 'leg_near', 'leg_far'], 'properties': {'anchor': {'type': 'array', 'description': '[joint, x, y]: the joint placed at this scene point; the floor is y = 0.', 'items': [{'$ref': '#/definitions/joint'}, {'type': 'number'}, {'type': 'number'}], 'minItems': 3, 'additionalItems': False}, 'trunk': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'head': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'arm_near': {'$ref': 'medius-exercise-v1#/definitions/limb2'}, 'arm_far': {'$ref': 'medius-exercise-v1#/definitions/limb2'}, 'leg_near': {'$ref': 'medius-exercise-v1#/definitions/limb3'}, 'leg_far': {'$ref': 'medius-exercise-v1#/definitions/limb3'}, 'scale': {'type': 'object', 'description': 'Shortened segments (foreshortening), segment name -> factor.', 'additionalProperties': False, 'patternProperties': {'^(trunk|upper_arm|forearm|thigh|shank|foot)_(near|far)$|^trunk$': {'type': 'number', 'minimum': 0.2, 'maximum': 1.5}}}, 'hide': {'type': 'array', 'items': {'enum': ['arm_near', 'arm_far', 'leg_near', 'leg_far']}, 'uniqueItems': True}}}, 'end': {'description': 'One figure. Angles are absolute directions in degrees in the picture plane (0 = right, 90 = up), so the drawing stays consistent whatever the view.', 'type': 'object', 'additionalProperties': False, 'required': ['anchor', 'trunk', 'head', 'arm_near', 'arm_far', 'leg_near', 'leg_far'], 'properties': {'anchor': {'type': 'array', 'description': '[joint, x, y]: the joint placed at this scene point; the floor is y = 0.', 'items': [{'$ref': '#/definitions/joint'}, {'type': 'number'}, {'type': 'number'}], 'minItems': 3, 'additionalItems': False}, 'trunk': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'head': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'arm_near': {'$ref': 'medius-exercise-v1#/definitions/limb2'}, 'arm_far': {'$ref': 'medius-exercise-v1#/definitions/limb2'}, 'leg_near': {'$ref': 'medius-exercise-v1#/definitions/limb3'}, 'leg_far': {'$ref': 'medius-exercise-v1#/definitions/limb3'}, 'scale': {'type': 'object', 'description': 'Shortened segments (foreshortening), segment name -> factor.', 'additionalProperties': False, 'patternProperties': {'^(trunk|upper_arm|forearm|thigh|shank|foot)_(near|far)$|^trunk$': {'type': 'number', 'minimum': 0.2, 'maximum': 1.5}}}, 'hide': {'type': 'array', 'items': {'enum': ['arm_near', 'arm_far', 'leg_near', 'leg_far']}, 'uniqueItems': True}}}, 'props': {'type': 'array', 'items': {'type': 'object', 'required': ['type'], 'properties': {'type': {'enum': ['mat', 'roller', 'ball', 'band', 'step', 'wall', 'weight', 'bench']}}, 'allOf': [{'if': {'properties': {'type': {'const': 'mat'}}}, 'then': {'required': ['x'], 'properties': {'x': {'$ref': '#/definitions/point'}}}}, {'if': {'properties': {'type': {'enum': ['roller', 'ball']}}}, 'then': {'required': ['at', 'r'], 'properties': {'at': {'$ref': '#/definitions/point'}, 'r': {'type': 'number', 'minimum': 2, 'maximum': 20}}}}, {'if': {'properties': {'type': {'const': 'band'}}}, 'then': {'required': ['between'], 'properties': {'between': {'type': 'array', 'items': {'$ref': '#/definitions/joint'}, 'minItems': 2, 'maxItems': 2}}}}, {'if': {'properties': {'type': {'enum': ['step', 'bench']}}}, 'then': {'required': ['x', 'w', 'h'], 'properties': {'x': {'type': 'number'}, 'w': {'type': 'number', 'minimum': 5}, 'h': {'type': 'number', 'minimum': 2}}}}, {'if': {'properties': {'type': {'const': 'wall'}}}, 'then': {'required': ['x'], 'properties': {'x': {'type': 'number'}, 'h': {'type': 'number'}}}}, {'if': {'properties': {'type': {'const': 'weight'}}}, 'then': {'required': ['at'], 'properties': {'at': {'$ref': '#/definitions/joint'}, 'kind': {'enum': ['cuff', 'kettlebell', 'dumbbell']}}}}]}}, 'arrows': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['from', 'to'], 'properties': {'from': {'$ref': 'medius-exercise-v1#/definitions/where'}, 'to': {'$ref': 'medius-exercise-v1#/definitions/where'}, 'offset': {'$ref': 'medius-exercise-v1#/definitions/point'}, 'bend': {'type': 'number', 'minimum': -1, 'maximum': 1}, 'both_ends': {'type': 'boolean'}}}}, 'hold_mark': {'type': 'array', 'items': {'type': 'number'}, 'minItems': 2, 'maxItems': 2}}}, rule='additionalProperties')
    return data

def validate_medius_exercise_v1__definitions_point(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (list, tuple)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be array", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'array', 'items': {'type': 'number'}, 'minItems': 2, 'maxItems': 2}, rule='type')
    data_is_list = isinstance(data, (list, tuple))
    if data_is_list:
        data_len = len(data)
        if data_len < 2:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain at least 2 items", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'array', 'items': {'type': 'number'}, 'minItems': 2, 'maxItems': 2}, rule='minItems')
        if data_len > 2:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain less than or equal to 2 items", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'array', 'items': {'type': 'number'}, 'minItems': 2, 'maxItems': 2}, rule='maxItems')
        for data_x, data_item in enumerate(data):
            if not isinstance(data_item, (int, float, Decimal)) or isinstance(data_item, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + "[{data_x}]".format(**locals()) + " must be number", value=data_item, name="" + (name_prefix or "data") + "[{data_x}]".format(**locals()) + "", definition={'type': 'number'}, rule='type')
    return data

def validate_medius_exercise_v1__definitions_arrow(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['from', 'to'], 'properties': {'from': {'oneOf': [{'$ref': '#/definitions/point'}, {'$ref': '#/definitions/pose_ref'}]}, 'to': {'oneOf': [{'$ref': '#/definitions/point'}, {'$ref': '#/definitions/pose_ref'}]}, 'offset': {'type': 'array', 'items': {'type': 'number'}, 'minItems': 2, 'maxItems': 2}, 'bend': {'type': 'number', 'minimum': -1, 'maximum': 1}, 'both_ends': {'type': 'boolean'}}}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['from', 'to']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['from', 'to'], 'properties': {'from': {'oneOf': [{'$ref': '#/definitions/point'}, {'$ref': '#/definitions/pose_ref'}]}, 'to': {'oneOf': [{'$ref': '#/definitions/point'}, {'$ref': '#/definitions/pose_ref'}]}, 'offset': {'type': 'array', 'items': {'type': 'number'}, 'minItems': 2, 'maxItems': 2}, 'bend': {'type': 'number', 'minimum': -1, 'maximum': 1}, 'both_ends': {'type': 'boolean'}}}, rule='required')
        data_keys = set(data.keys())
        if "from" in data_keys:
            data_keys.remove("from")
            data__from = data["from"]
            validate_medius_exercise_v1__definitions_where(data__from, custom_formats, (name_prefix or "data") + ".from")
        if "to" in data_keys:
            data_keys.remove("to")
            data__to = data["to"]
            validate_medius_exercise_v1__definitions_where(data__to, custom_formats, (name_prefix or "data") + ".to")
        if "offset" in data_keys:
            data_keys.remove("offset")
            data__offset = data["offset"]
            validate_medius_exercise_v1__definitions_point(data__offset, custom_formats, (name_prefix or "data") + ".offset")
        if "bend" in data_keys:
            data_keys.remove("bend")
            data__bend = data["bend"]
            if not isinstance(data__bend, (int, float, Decimal)) or isinstance(data__bend, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".bend must be number", value=data__bend, name="" + (name_prefix or "data") + ".bend", definition={'type': 'number', 'minimum': -1, 'maximum': 1}, rule='type')
            if isinstance(data__bend, (int, float, Decimal)) and not isinstance(data__bend, bool):
                if data__bend < -1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".bend must be bigger than or equal to -1", value=data__bend, name="" + (name_prefix or "data") + ".bend", definition={'type': 'number', 'minimum': -1, 'maximum': 1}, rule='minimum')
                if data__bend > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".bend must be smaller than or equal to 1", value=data__bend, name="" + (name_prefix or "data") + ".bend", definition={'type': 'number', 'minimum': -1, 'maximum': 1}, rule='maximum')
        if "both_ends" in data_keys:
            data_keys.remove("both_ends")
            data__bothends = data["both_ends"]
            if not isinstance(data__bothends, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".both_ends must be boolean", value=data__bothends, name="" + (name_prefix or "data") + ".both_ends", definition={'type': 'boolean'}, rule='type')
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['from', 'to'], 'properties': {'from': {'oneOf': [{'$ref': '#/definitions/point'}, {'$ref': '#/definitions/pose_ref'}]}, 'to': {'oneOf': [{'$ref': '#/definitions/point'}, {'$ref': '#/definitions/pose_ref'}]}, 'offset': {'type': 'array', 'items': {'type': 'number'}, 'minItems': 2, 'maxItems': 2}, 'bend': {'type': 'number', 'minimum': -1, 'maximum': 1}, 'both_ends': {'type': 'boolean'}}}, rule='additionalProperties')
    return data

def validate_medius_exercise_v1__definitions_where(data, custom_formats={}, name_prefix=None):
    data_one_of_count3 = 0
    if data_one_of_count3 < 2:
        try:
            validate_medius_exercise_v1__definitions_point(data, custom_formats, (name_prefix or "data") + "")
            data_one_of_count3 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if data_one_of_count3 < 2:
        try:
            validate_medius_exercise_v1__definitions_pose_ref(data, custom_formats, (name_prefix or "data") + "")
            data_one_of_count3 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if data_one_of_count3 != 1:
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be valid exactly by one definition" + (" (" + str(data_one_of_count3) + " matches found)"), value=data, name="" + (name_prefix or "data") + "", definition={'oneOf': [{'type': 'array', 'items': {'type': 'number'}, 'minItems': 2, 'maxItems': 2}, {'description': "A joint of the start or end figure, e.g. 'end.knee_near'.", 'type': 'string', 'pattern': '^(start|end)\\.(pelvis|hip_near|hip_far|neck|head|shoulder_near|shoulder_far|elbow_near|elbow_far|hand_near|hand_far|knee_near|knee_far|ankle_near|ankle_far|toe_near|toe_far)$'}]}, rule='oneOf')
    return data

def validate_medius_exercise_v1__definitions_pose_ref(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string", value=data, name="" + (name_prefix or "data") + "", definition={'description': "A joint of the start or end figure, e.g. 'end.knee_near'.", 'type': 'string', 'pattern': '^(start|end)\\.(pelvis|hip_near|hip_far|neck|head|shoulder_near|shoulder_far|elbow_near|elbow_far|hand_near|hand_far|knee_near|knee_far|ankle_near|ankle_far|toe_near|toe_far)$'}, rule='type')
    if isinstance(data, str):
        if not REGEX_PATTERNS['^(start|end)\\.(pelvis|hip_near|hip_far|neck|head|shoulder_near|shoulder_far|elbow_near|elbow_far|hand_near|hand_far|knee_near|knee_far|ankle_near|ankle_far|toe_near|toe_far)$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^(start|end)\\.(pelvis|hip_near|hip_far|neck|head|shoulder_near|shoulder_far|elbow_near|elbow_far|hand_near|hand_far|knee_near|knee_far|ankle_near|ankle_far|toe_near|toe_far)$", value=data, name="" + (name_prefix or "data") + "", definition={'description': "A joint of the start or end figure, e.g. 'end.knee_near'.", 'type': 'string', 'pattern': '^(start|end)\\.(pelvis|hip_near|hip_far|neck|head|shoulder_near|shoulder_far|elbow_near|elbow_far|hand_near|hand_far|knee_near|knee_far|ankle_near|ankle_far|toe_near|toe_far)$'}, rule='pattern')
    return data

def validate_medius_exercise_v1__definitions_prop(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'required': ['type'], 'properties': {'type': {'enum': ['mat', 'roller', 'ball', 'band', 'step', 'wall', 'weight', 'bench']}}, 'allOf': [{'if': {'properties': {'type': {'const': 'mat'}}}, 'then': {'required': ['x'], 'properties': {'x': {'type': 'array', 'items': {'type': 'number'}, 'minItems': 2, 'maxItems': 2}}}}, {'if': {'properties': {'type': {'enum': ['roller', 'ball']}}}, 'then': {'required': ['at', 'r'], 'properties': {'at': {'type': 'array', 'items': {'type': 'number'}, 'minItems': 2, 'maxItems': 2}, 'r': {'type': 'number', 'minimum': 2, 'maximum': 20}}}}, {'if': {'properties': {'type': {'const': 'band'}}}, 'then': {'required': ['between'], 'properties': {'between': {'type': 'array', 'items': {'enum': ['pelvis', 'hip_near', 'hip_far', 'neck', 'head', 'shoulder_near', 'shoulder_far', 'elbow_near', 'elbow_far', 'hand_near', 'hand_far', 'knee_near', 'knee_far', 'ankle_near', 'ankle_far', 'toe_near', 'toe_far']}, 'minItems': 2, 'maxItems': 2}}}}, {'if': {'properties': {'type': {'enum': ['step', 'bench']}}}, 'then': {'required': ['x', 'w', 'h'], 'properties': {'x': {'type': 'number'}, 'w': {'type': 'number', 'minimum': 5}, 'h': {'type': 'number', 'minimum': 2}}}}, {'if': {'properties': {'type': {'const': 'wall'}}}, 'then': {'required': ['x'], 'properties': {'x': {'type': 'number'}, 'h': {'type': 'number'}}}}, {'if': {'properties': {'type': {'const': 'weight'}}}, 'then': {'required': ['at'], 'properties': {'at': {'enum': ['pelvis', 'hip_near', 'hip_far', 'neck', 'head', 'shoulder_near', 'shoulder_far', 'elbow_near', 'elbow_far', 'hand_near', 'hand_far', 'knee_near', 'knee_far', 'ankle_near', 'ankle_far', 'toe_near', 'toe_far']}, 'kind': {'enum': ['cuff', 'kettlebell', 'dumbbell']}}}}]}, rule='type')
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data_keys = set(data.keys())
            if "type" in data_keys:
                data_keys.remove("type")
                data__type = data["type"]
                if not (isinstance(data__type, str) and data__type == 'mat'):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".type must be same as const definition: mat", value=data__type, name="" + (name_prefix or "data") + ".type", definition={'const': 'mat'}, rule='const')
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['x']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['x'], 'properties': {'x': {'type': 'array', 'items': {'type': 'number'}, 'minItems': 2, 'maxItems': 2}}}, rule='required')
            data_keys = set(data.keys())
            if "x" in data_keys:
                data_keys.remove("x")
                data__x = data["x"]
                validate_medius_exercise_v1__definitions_point(data__x, custom_formats, (name_prefix or "data") + ".x")
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data_keys = set(data.keys())
            if "type" in data_keys:
                data_keys.remove("type")
                data__type = data["type"]
                if not (isinstance(data__type, str) and data__type == 'roller' or isinstance(data__type, str) and data__type == 'ball'):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".type must be one of ['roller', 'ball']", value=data__type, name="" + (name_prefix or "data") + ".type", definition={'enum': ['roller', 'ball']}, rule='enum')
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['at', 'r']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['at', 'r'], 'properties': {'at': {'type': 'array', 'items': {'type': 'number'}, 'minItems': 2, 'maxItems': 2}, 'r': {'type': 'number', 'minimum': 2, 'maximum': 20}}}, rule='required')
            data_keys = set(data.keys())
            if "at" in data_keys:
                data_keys.remove("at")
                data__at = data["at"]
                validate_medius_exercise_v1__definitions_point(data__at, custom_formats, (name_prefix or "data") + ".at")
            if "r" in data_keys:
                data_keys.remove("r")
                data__r = data["r"]
                if not isinstance(data__r, (int, float, Decimal)) or isinstance(data__r, bool):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".r must be number", value=data__r, name="" + (name_prefix or "data") + ".r", definition={'type': 'number', 'minimum': 2, 'maximum': 20}, rule='type')
                if isinstance(data__r, (int, float, Decimal)) and not isinstance(data__r, bool):
                    if data__r < 2:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".r must be bigger than or equal to 2", value=data__r, name="" + (name_prefix or "data") + ".r", definition={'type': 'number', 'minimum': 2, 'maximum': 20}, rule='minimum')
                    if data__r > 20:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".r must be smaller than or equal to 20", value=data__r, name="" + (name_prefix or "data") + ".r", definition={'type': 'number', 'minimum': 2, 'maximum': 20}, rule='maximum')
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data_keys = set(data.keys())
            if "type" in data_keys:
                data_keys.remove("type")
                data__type = data["type"]
                if not (isinstance(data__type, str) and data__type == 'band'):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".type must be same as const definition: band", value=data__type, name="" + (name_prefix or "data") + ".type", definition={'const': 'band'}, rule='const')
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['between']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['between'], 'properties': {'between': {'type': 'array', 'items': {'enum': ['pelvis', 'hip_near', 'hip_far', 'neck', 'head', 'shoulder_near', 'shoulder_far', 'elbow_near', 'elbow_far', 'hand_near', 'hand_far', 'knee_near', 'knee_far', 'ankle_near', 'ankle_far', 'toe_near', 'toe_far']}, 'minItems': 2, 'maxItems': 2}}}, rule='required')
            data_keys = set(data.keys())
            if "between" in data_keys:
                data_keys.remove("between")
                data__between = data["between"]
                if not isinstance(data__between, (list, tuple)):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".between must be array", value=data__between, name="" + (name_prefix or "data") + ".between", definition={'type': 'array', 'items': {'enum': ['pelvis', 'hip_near', 'hip_far', 'neck', 'head', 'shoulder_near', 'shoulder_far', 'elbow_near', 'elbow_far', 'hand_near', 'hand_far', 'knee_near', 'knee_far', 'ankle_near', 'ankle_far', 'toe_near', 'toe_far']}, 'minItems': 2, 'maxItems': 2}, rule='type')
                data__between_is_list = isinstance(data__between, (list, tuple))
                if data__between_is_list:
                    data__between_len = len(data__between)
                    if data__between_len < 2:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".between must contain at least 2 items", value=data__between, name="" + (name_prefix or "data") + ".between", definition={'type': 'array', 'items': {'enum': ['pelvis', 'hip_near', 'hip_far', 'neck', 'head', 'shoulder_near', 'shoulder_far', 'elbow_near', 'elbow_far', 'hand_near', 'hand_far', 'knee_near', 'knee_far', 'ankle_near', 'ankle_far', 'toe_near', 'toe_far']}, 'minItems': 2, 'maxItems': 2}, rule='minItems')
                    if data__between_len > 2:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".between must contain less than or equal to 2 items", value=data__between, name="" + (name_prefix or "data") + ".between", definition={'type': 'array', 'items': {'enum': ['pelvis', 'hip_near', 'hip_far', 'neck', 'head', 'shoulder_near', 'shoulder_far', 'elbow_near', 'elbow_far', 'hand_near', 'hand_far', 'knee_near', 'knee_far', 'ankle_near', 'ankle_far', 'toe_near', 'toe_far']}, 'minItems': 2, 'maxItems': 2}, rule='maxItems')
                    for data__between_x, data__between_item in enumerate(data__between):
                        validate_medius_exercise_v1__definitions_joint(data__between_item, custom_formats, (name_prefix or "data") + ".between[{data__between_x}]".format(**locals()))
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data_keys = set(data.keys())
            if "type" in data_keys:
                data_keys.remove("type")
                data__type = data["type"]
                if not (isinstance(data__type, str) and data__type == 'step' or isinstance(data__type, str) and data__type == 'bench'):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".type must be one of ['step', 'bench']", value=data__type, name="" + (name_prefix or "data") + ".type", definition={'enum': ['step', 'bench']}, rule='enum')
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['x', 'w', 'h']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['x', 'w', 'h'], 'properties': {'x': {'type': 'number'}, 'w': {'type': 'number', 'minimum': 5}, 'h': {'type': 'number', 'minimum': 2}}}, rule='required')
            data_keys = set(data.keys())
            if "x" in data_keys:
                data_keys.remove("x")
                data__x = data["x"]
                if not isinstance(data__x, (int, float, Decimal)) or isinstance(data__x, bool):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".x must be number", value=data__x, name="" + (name_prefix or "data") + ".x", definition={'type': 'number'}, rule='type')
            if "w" in data_keys:
                data_keys.remove("w")
                data__w = data["w"]
                if not isinstance(data__w, (int, float, Decimal)) or isinstance(data__w, bool):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".w must be number", value=data__w, name="" + (name_prefix or "data") + ".w", definition={'type': 'number', 'minimum': 5}, rule='type')
                if isinstance(data__w, (int, float, Decimal)) and not isinstance(data__w, bool):
                    if data__w < 5:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".w must be bigger than or equal to 5", value=data__w, name="" + (name_prefix or "data") + ".w", definition={'type': 'number', 'minimum': 5}, rule='minimum')
            if "h" in data_keys:
                data_keys.remove("h")
                data__h = data["h"]
                if not isinstance(data__h, (int, float, Decimal)) or isinstance(data__h, bool):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".h must be number", value=data__h, name="" + (name_prefix or "data") + ".h", definition={'type': 'number', 'minimum': 2}, rule='type')
                if isinstance(data__h, (int, float, Decimal)) and not isinstance(data__h, bool):
                    if data__h < 2:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".h must be bigger than or equal to 2", value=data__h, name="" + (name_prefix or "data") + ".h", definition={'type': 'number', 'minimum': 2}, rule='minimum')
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data_keys = set(data.keys())
            if "type" in data_keys:
                data_keys.remove("type")
                data__type = data["type"]
                if not (isinstance(data__type, str) and data__type == 'wall'):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".type must be same as const definition: wall", value=data__type, name="" + (name_prefix or "data") + ".type", definition={'const': 'wall'}, rule='const')
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['x']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['x'], 'properties': {'x': {'type': 'number'}, 'h': {'type': 'number'}}}, rule='required')
            data_keys = set(data.keys())
            if "x" in data_keys:
                data_keys.remove("x")
                data__x = data["x"]
                if not isinstance(data__x, (int, float, Decimal)) or isinstance(data__x, bool):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".x must be number", value=data__x, name="" + (name_prefix or "data") + ".x", definition={'type': 'number'}, rule='type')
            if "h" in data_keys:
                data_keys.remove("h")
                data__h = data["h"]
                if not isinstance(data__h, (int, float, Decimal)) or isinstance(data__h, bool):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".h must be number", value=data__h, name="" + (name_prefix or "data") + ".h", definition={'type': 'number'}, rule='type')
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data_keys = set(data.keys())
            if "type" in data_keys:
                data_keys.remove("type")
                data__type = data["type"]
                if not (isinstance(data__type, str) and data__type == 'weight'):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".type must be same as const definition: weight", value=data__type, name="" + (name_prefix or "data") + ".type", definition={'const': 'weight'}, rule='const')
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['at']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['at'], 'properties': {'at': {'enum': ['pelvis', 'hip_near', 'hip_far', 'neck', 'head', 'shoulder_near', 'shoulder_far', 'elbow_near', 'elbow_far', 'hand_near', 'hand_far', 'knee_near', 'knee_far', 'ankle_near', 'ankle_far', 'toe_near', 'toe_far']}, 'kind': {'enum': ['cuff', 'kettlebell', 'dumbbell']}}}, rule='required')
            data_keys = set(data.keys())
            if "at" in data_keys:
                data_keys.remove("at")
                data__at = data["at"]
                validate_medius_exercise_v1__definitions_joint(data__at, custom_formats, (name_prefix or "data") + ".at")
            if "kind" in data_keys:
                data_keys.remove("kind")
                data__kind = data["kind"]
                if not (isinstance(data__kind, str) and data__kind == 'cuff' or isinstance(data__kind, str) and data__kind == 'kettlebell' or isinstance(data__kind, str) and data__kind == 'dumbbell'):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".kind must be one of ['cuff', 'kettlebell', 'dumbbell']", value=data__kind, name="" + (name_prefix or "data") + ".kind", definition={'enum': ['cuff', 'kettlebell', 'dumbbell']}, rule='enum')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['type']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'required': ['type'], 'properties': {'type': {'enum': ['mat', 'roller', 'ball', 'band', 'step', 'wall', 'weight', 'bench']}}, 'allOf': [{'if': {'properties': {'type': {'const': 'mat'}}}, 'then': {'required': ['x'], 'properties': {'x': {'type': 'array', 'items': {'type': 'number'}, 'minItems': 2, 'maxItems': 2}}}}, {'if': {'properties': {'type': {'enum': ['roller', 'ball']}}}, 'then': {'required': ['at', 'r'], 'properties': {'at': {'type': 'array', 'items': {'type': 'number'}, 'minItems': 2, 'maxItems': 2}, 'r': {'type': 'number', 'minimum': 2, 'maximum': 20}}}}, {'if': {'properties': {'type': {'const': 'band'}}}, 'then': {'required': ['between'], 'properties': {'between': {'type': 'array', 'items': {'enum': ['pelvis', 'hip_near', 'hip_far', 'neck', 'head', 'shoulder_near', 'shoulder_far', 'elbow_near', 'elbow_far', 'hand_near', 'hand_far', 'knee_near', 'knee_far', 'ankle_near', 'ankle_far', 'toe_near', 'toe_far']}, 'minItems': 2, 'maxItems': 2}}}}, {'if': {'properties': {'type': {'enum': ['step', 'bench']}}}, 'then': {'required': ['x', 'w', 'h'], 'properties': {'x': {'type': 'number'}, 'w': {'type': 'number', 'minimum': 5}, 'h': {'type': 'number', 'minimum': 2}}}}, {'if': {'properties': {'type': {'const': 'wall'}}}, 'then': {'required': ['x'], 'properties': {'x': {'type': 'number'}, 'h': {'type': 'number'}}}}, {'if': {'properties': {'type': {'const': 'weight'}}}, 'then': {'required': ['at'], 'properties': {'at': {'enum': ['pelvis', 'hip_near', 'hip_far', 'neck', 'head', 'shoulder_near', 'shoulder_far', 'elbow_near', 'elbow_far', 'hand_near', 'hand_far', 'knee_near', 'knee_far', 'ankle_near', 'ankle_far', 'toe_near', 'toe_far']}, 'kind': {'enum': ['cuff', 'kettlebell', 'dumbbell']}}}}]}, rule='required')
        data_keys = set(data.keys())
        if "type" in data_keys:
            data_keys.remove("type")
            data__type = data["type"]
            if not (isinstance(data__type, str) and data__type == 'mat' or isinstance(data__type, str) and data__type == 'roller' or isinstance(data__type, str) and data__type == 'ball' or isinstance(data__type, str) and data__type == 'band' or isinstance(data__type, str) and data__type == 'step' or isinstance(data__type, str) and data__type == 'wall' or isinstance(data__type, str) and data__type == 'weight' or isinstance(data__type, str) and data__type == 'bench'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".type must be one of ['mat', 'roller', 'ball', 'band', 'step', 'wall', 'weight', 'bench']", value=data__type, name="" + (name_prefix or "data") + ".type", definition={'enum': ['mat', 'roller', 'ball', 'band', 'step', 'wall', 'weight', 'bench']}, rule='enum')
    return data

def validate_medius_exercise_v1__definitions_joint(data, custom_formats={}, name_prefix=None):
    if not (isinstance(data, str) and data == 'pelvis' or isinstance(data, str) and data == 'hip_near' or isinstance(data, str) and data == 'hip_far' or isinstance(data, str) and data == 'neck' or isinstance(data, str) and data == 'head' or isinstance(data, str) and data == 'shoulder_near' or isinstance(data, str) and data == 'shoulder_far' or isinstance(data, str) and data == 'elbow_near' or isinstance(data, str) and data == 'elbow_far' or isinstance(data, str) and data == 'hand_near' or isinstance(data, str) and data == 'hand_far' or isinstance(data, str) and data == 'knee_near' or isinstance(data, str) and data == 'knee_far' or isinstance(data, str) and data == 'ankle_near' or isinstance(data, str) and data == 'ankle_far' or isinstance(data, str) and data == 'toe_near' or isinstance(data, str) and data == 'toe_far'):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be one of ['pelvis', 'hip_near', 'hip_far', 'neck', 'head', 'shoulder_near', 'shoulder_far', 'elbow_near', 'elbow_far', 'hand_near', 'hand_far', 'knee_near', 'knee_far', 'ankle_near', 'ankle_far', 'toe_near', 'toe_far']", value=data, name="" + (name_prefix or "data") + "", definition={'enum': ['pelvis', 'hip_near', 'hip_far', 'neck', 'head', 'shoulder_near', 'shoulder_far', 'elbow_near', 'elbow_far', 'hand_near', 'hand_far', 'knee_near', 'knee_far', 'ankle_near', 'ankle_far', 'toe_near', 'toe_far']}, rule='enum')
    return data

def validate_medius_exercise_v1__definitions_figure(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'description': 'One figure. Angles are absolute directions in degrees in the picture plane (0 = right, 90 = up), so the drawing stays consistent whatever the view.', 'type': 'object', 'additionalProperties': False, 'required': ['anchor', 'trunk', 'head', 'arm_near', 'arm_far', 'leg_near', 'leg_far'], 'properties': {'anchor': {'type': 'array', 'description': '[joint, x, y]: the joint placed at this scene point; the floor is y = 0.', 'items': [{'enum': ['pelvis', 'hip_near', 'hip_far', 'neck', 'head', 'shoulder_near', 'shoulder_far', 'elbow_near', 'elbow_far', 'hand_near', 'hand_far', 'knee_near', 'knee_far', 'ankle_near', 'ankle_far', 'toe_near', 'toe_far']}, {'type': 'number'}, {'type': 'number'}], 'minItems': 3, 'additionalItems': False}, 'trunk': {'type': 'number', 'minimum': -360, 'maximum': 360}, 'head': {'type': 'number', 'minimum': -360, 'maximum': 360}, 'arm_near': {'type': 'array', 'items': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'minItems': 2, 'maxItems': 2}, 'arm_far': {'type': 'array', 'items': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'minItems': 2, 'maxItems': 2}, 'leg_near': {'type': 'array', 'items': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'minItems': 3, 'maxItems': 3}, 'leg_far': {'type': 'array', 'items': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'minItems': 3, 'maxItems': 3}, 'scale': {'type': 'object', 'description': 'Shortened segments (foreshortening), segment name -> factor.', 'additionalProperties': False, 'patternProperties': {'^(trunk|upper_arm|forearm|thigh|shank|foot)_(near|far)$|^trunk$': {'type': 'number', 'minimum': 0.2, 'maximum': 1.5}}}, 'hide': {'type': 'array', 'items': {'enum': ['arm_near', 'arm_far', 'leg_near', 'leg_far']}, 'uniqueItems': True}}}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['anchor', 'trunk', 'head', 'arm_near', 'arm_far', 'leg_near', 'leg_far']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'description': 'One figure. Angles are absolute directions in degrees in the picture plane (0 = right, 90 = up), so the drawing stays consistent whatever the view.', 'type': 'object', 'additionalProperties': False, 'required': ['anchor', 'trunk', 'head', 'arm_near', 'arm_far', 'leg_near', 'leg_far'], 'properties': {'anchor': {'type': 'array', 'description': '[joint, x, y]: the joint placed at this scene point; the floor is y = 0.', 'items': [{'enum': ['pelvis', 'hip_near', 'hip_far', 'neck', 'head', 'shoulder_near', 'shoulder_far', 'elbow_near', 'elbow_far', 'hand_near', 'hand_far', 'knee_near', 'knee_far', 'ankle_near', 'ankle_far', 'toe_near', 'toe_far']}, {'type': 'number'}, {'type': 'number'}], 'minItems': 3, 'additionalItems': False}, 'trunk': {'type': 'number', 'minimum': -360, 'maximum': 360}, 'head': {'type': 'number', 'minimum': -360, 'maximum': 360}, 'arm_near': {'type': 'array', 'items': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'minItems': 2, 'maxItems': 2}, 'arm_far': {'type': 'array', 'items': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'minItems': 2, 'maxItems': 2}, 'leg_near': {'type': 'array', 'items': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'minItems': 3, 'maxItems': 3}, 'leg_far': {'type': 'array', 'items': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'minItems': 3, 'maxItems': 3}, 'scale': {'type': 'object', 'description': 'Shortened segments (foreshortening), segment name -> factor.', 'additionalProperties': False, 'patternProperties': {'^(trunk|upper_arm|forearm|thigh|shank|foot)_(near|far)$|^trunk$': {'type': 'number', 'minimum': 0.2, 'maximum': 1.5}}}, 'hide': {'type': 'array', 'items': {'enum': ['arm_near', 'arm_far', 'leg_near', 'leg_far']}, 'uniqueItems': True}}}, rule='required')
        data_keys = set(data.keys())
        if "anchor" in data_keys:
            data_keys.remove("anchor")
            data__anchor = data["anchor"]
            if not isinstance(data__anchor, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".anchor must be array", value=data__anchor, name="" + (name_prefix or "data") + ".anchor", definition={'type': 'array', 'description': '[joint, x, y]: the joint placed at this scene point; the floor is y = 0.', 'items': [{'enum': ['pelvis', 'hip_near', 'hip_far', 'neck', 'head', 'shoulder_near', 'shoulder_far', 'elbow_near', 'elbow_far', 'hand_near', 'hand_far', 'knee_near', 'knee_far', 'ankle_near', 'ankle_far', 'toe_near', 'toe_far']}, {'type': 'number'}, {'type': 'number'}], 'minItems': 3, 'additionalItems': False}, rule='type')
            data__anchor_is_list = isinstance(data__anchor, (list, tuple))
            if data__anchor_is_list:
                data__anchor_len = len(data__anchor)
                if data__anchor_len < 3:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".anchor must contain at least 3 items", value=data__anchor, name="" + (name_prefix or "data") + ".anchor", definition={'type': 'array', 'description': '[joint, x, y]: the joint placed at this scene point; the floor is y = 0.', 'items': [{'enum': ['pelvis', 'hip_near', 'hip_far', 'neck', 'head', 'shoulder_near', 'shoulder_far', 'elbow_near', 'elbow_far', 'hand_near', 'hand_far', 'knee_near', 'knee_far', 'ankle_near', 'ankle_far', 'toe_near', 'toe_far']}, {'type': 'number'}, {'type': 'number'}], 'minItems': 3, 'additionalItems': False}, rule='minItems')
                if data__anchor_len > 0:
                    data__anchor__0 = data__anchor[0]
                    validate_medius_exercise_v1__definitions_joint(data__anchor__0, custom_formats, (name_prefix or "data") + ".anchor[0]")
                if data__anchor_len > 1:
                    data__anchor__1 = data__anchor[1]
                    if not isinstance(data__anchor__1, (int, float, Decimal)) or isinstance(data__anchor__1, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".anchor[1] must be number", value=data__anchor__1, name="" + (name_prefix or "data") + ".anchor[1]", definition={'type': 'number'}, rule='type')
                if data__anchor_len > 2:
                    data__anchor__2 = data__anchor[2]
                    if not isinstance(data__anchor__2, (int, float, Decimal)) or isinstance(data__anchor__2, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".anchor[2] must be number", value=data__anchor__2, name="" + (name_prefix or "data") + ".anchor[2]", definition={'type': 'number'}, rule='type')
                if data__anchor_len > 3:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".anchor must contain only specified items", value=data__anchor, name="" + (name_prefix or "data") + ".anchor", definition={'type': 'array', 'description': '[joint, x, y]: the joint placed at this scene point; the floor is y = 0.', 'items': [{'enum': ['pelvis', 'hip_near', 'hip_far', 'neck', 'head', 'shoulder_near', 'shoulder_far', 'elbow_near', 'elbow_far', 'hand_near', 'hand_far', 'knee_near', 'knee_far', 'ankle_near', 'ankle_far', 'toe_near', 'toe_far']}, {'type': 'number'}, {'type': 'number'}], 'minItems': 3, 'additionalItems': False}, rule='items')
        if "trunk" in data_keys:
            data_keys.remove("trunk")
            data__trunk = data["trunk"]
            validate_medius_exercise_v1__definitions_angle(data__trunk, custom_formats, (name_prefix or "data") + ".trunk")
        if "head" in data_keys:
            data_keys.remove("head")
            data__head = data["head"]
            validate_medius_exercise_v1__definitions_angle(data__head, custom_formats, (name_prefix or "data") + ".head")
        if "arm_near" in data_keys:
            data_keys.remove("arm_near")
            data__armnear = data["arm_near"]
            validate_medius_exercise_v1__definitions_limb2(data__armnear, custom_formats, (name_prefix or "data") + ".arm_near")
        if "arm_far" in data_keys:
            data_keys.remove("arm_far")
            data__armfar = data["arm_far"]
            validate_medius_exercise_v1__definitions_limb2(data__armfar, custom_formats, (name_prefix or "data") + ".arm_far")
        if "leg_near" in data_keys:
            data_keys.remove("leg_near")
            data__legnear = data["leg_near"]
            validate_medius_exercise_v1__definitions_limb3(data__legnear, custom_formats, (name_prefix or "data") + ".leg_near")
        if "leg_far" in data_keys:
            data_keys.remove("leg_far")
            data__legfar = data["leg_far"]
            validate_medius_exercise_v1__definitions_limb3(data__legfar, custom_formats, (name_prefix or "data") + ".leg_far")
        if "scale" in data_keys:
            data_keys.remove("scale")
            data__scale = data["scale"]
            if not isinstance(data__scale, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".scale must be object", value=data__scale, name="" + (name_prefix or "data") + ".scale", definition={'type': 'object', 'description': 'Shortened segments (foreshortening), segment name -> factor.', 'additionalProperties': False, 'patternProperties': {'^(trunk|upper_arm|forearm|thigh|shank|foot)_(near|far)$|^trunk$': {'type': 'number', 'minimum': 0.2, 'maximum': 1.5}}}, rule='type')
            data__scale_is_dict = isinstance(data__scale, dict)
            if data__scale_is_dict:
                data__scale_keys = set(data__scale.keys())
                for data__scale_key, data__scale_val in data__scale.items():
                    if REGEX_PATTERNS['^(trunk|upper_arm|forearm|thigh|shank|foot)_(near|far)$|^trunk$'].search(data__scale_key):
                        if data__scale_key in data__scale_keys:
                            data__scale_keys.remove(data__scale_key)
                        if not isinstance(data__scale_val, (int, float, Decimal)) or isinstance(data__scale_val, bool):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".scale.{data__scale_key}".format(**locals()) + " must be number", value=data__scale_val, name="" + (name_prefix or "data") + ".scale.{data__scale_key}".format(**locals()) + "", definition={'type': 'number', 'minimum': 0.2, 'maximum': 1.5}, rule='type')
                        if isinstance(data__scale_val, (int, float, Decimal)) and not isinstance(data__scale_val, bool):
                            if data__scale_val < 0.2:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".scale.{data__scale_key}".format(**locals()) + " must be bigger than or equal to 0.2", value=data__scale_val, name="" + (name_prefix or "data") + ".scale.{data__scale_key}".format(**locals()) + "", definition={'type': 'number', 'minimum': 0.2, 'maximum': 1.5}, rule='minimum')
                            if data__scale_val > 1.5:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".scale.{data__scale_key}".format(**locals()) + " must be smaller than or equal to 1.5", value=data__scale_val, name="" + (name_prefix or "data") + ".scale.{data__scale_key}".format(**locals()) + "", definition={'type': 'number', 'minimum': 0.2, 'maximum': 1.5}, rule='maximum')
                if data__scale_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".scale must not contain "+str(data__scale_keys)+" properties", value=data__scale, name="" + (name_prefix or "data") + ".scale", definition={'type': 'object', 'description': 'Shortened segments (foreshortening), segment name -> factor.', 'additionalProperties': False, 'patternProperties': {'^(trunk|upper_arm|forearm|thigh|shank|foot)_(near|far)$|^trunk$': {'type': 'number', 'minimum': 0.2, 'maximum': 1.5}}}, rule='additionalProperties')
        if "hide" in data_keys:
            data_keys.remove("hide")
            data__hide = data["hide"]
            if not isinstance(data__hide, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".hide must be array", value=data__hide, name="" + (name_prefix or "data") + ".hide", definition={'type': 'array', 'items': {'enum': ['arm_near', 'arm_far', 'leg_near', 'leg_far']}, 'uniqueItems': True}, rule='type')
            data__hide_is_list = isinstance(data__hide, (list, tuple))
            if data__hide_is_list:
                def fn(var): return frozenset(dict((k, fn(v)) for k, v in var.items()).items()) if hasattr(var, "items") else tuple(fn(v) for v in var) if isinstance(var, (dict, list)) else (bool, var) if isinstance(var, bool) else var
                data__hide_len = len(data__hide)
                if data__hide_len > len(set(fn(data__hide_x) for data__hide_x in data__hide)):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".hide must contain unique items", value=data__hide, name="" + (name_prefix or "data") + ".hide", definition={'type': 'array', 'items': {'enum': ['arm_near', 'arm_far', 'leg_near', 'leg_far']}, 'uniqueItems': True}, rule='uniqueItems')
                for data__hide_x, data__hide_item in enumerate(data__hide):
                    if not (isinstance(data__hide_item, str) and data__hide_item == 'arm_near' or isinstance(data__hide_item, str) and data__hide_item == 'arm_far' or isinstance(data__hide_item, str) and data__hide_item == 'leg_near' or isinstance(data__hide_item, str) and data__hide_item == 'leg_far'):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".hide[{data__hide_x}]".format(**locals()) + " must be one of ['arm_near', 'arm_far', 'leg_near', 'leg_far']", value=data__hide_item, name="" + (name_prefix or "data") + ".hide[{data__hide_x}]".format(**locals()) + "", definition={'enum': ['arm_near', 'arm_far', 'leg_near', 'leg_far']}, rule='enum')
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'description': 'One figure. Angles are absolute directions in degrees in the picture plane (0 = right, 90 = up), so the drawing stays consistent whatever the view.', 'type': 'object', 'additionalProperties': False, 'required': ['anchor', 'trunk', 'head', 'arm_near', 'arm_far', 'leg_near', 'leg_far'], 'properties': {'anchor': {'type': 'array', 'description': '[joint, x, y]: the joint placed at this scene point; the floor is y = 0.', 'items': [{'enum': ['pelvis', 'hip_near', 'hip_far', 'neck', 'head', 'shoulder_near', 'shoulder_far', 'elbow_near', 'elbow_far', 'hand_near', 'hand_far', 'knee_near', 'knee_far', 'ankle_near', 'ankle_far', 'toe_near', 'toe_far']}, {'type': 'number'}, {'type': 'number'}], 'minItems': 3, 'additionalItems': False}, 'trunk': {'type': 'number', 'minimum': -360, 'maximum': 360}, 'head': {'type': 'number', 'minimum': -360, 'maximum': 360}, 'arm_near': {'type': 'array', 'items': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'minItems': 2, 'maxItems': 2}, 'arm_far': {'type': 'array', 'items': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'minItems': 2, 'maxItems': 2}, 'leg_near': {'type': 'array', 'items': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'minItems': 3, 'maxItems': 3}, 'leg_far': {'type': 'array', 'items': {'$ref': 'medius-exercise-v1#/definitions/angle'}, 'minItems': 3, 'maxItems': 3}, 'scale': {'type': 'object', 'description': 'Shortened segments (foreshortening), segment name -> factor.', 'additionalProperties': False, 'patternProperties': {'^(trunk|upper_arm|forearm|thigh|shank|foot)_(near|far)$|^trunk$': {'type': 'number', 'minimum': 0.2, 'maximum': 1.5}}}, 'hide': {'type': 'array', 'items': {'enum': ['arm_near', 'arm_far', 'leg_near', 'leg_far']}, 'uniqueItems': True}}}, rule='additionalProperties')
    return data

def validate_medius_exercise_v1__definitions_limb3(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (list, tuple)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be array", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'array', 'items': {'type': 'number', 'minimum': -360, 'maximum': 360}, 'minItems': 3, 'maxItems': 3}, rule='type')
    data_is_list = isinstance(data, (list, tuple))
    if data_is_list:
        data_len = len(data)
        if data_len < 3:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain at least 3 items", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'array', 'items': {'type': 'number', 'minimum': -360, 'maximum': 360}, 'minItems': 3, 'maxItems': 3}, rule='minItems')
        if data_len > 3:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain less than or equal to 3 items", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'array', 'items': {'type': 'number', 'minimum': -360, 'maximum': 360}, 'minItems': 3, 'maxItems': 3}, rule='maxItems')
        for data_x, data_item in enumerate(data):
            validate_medius_exercise_v1__definitions_angle(data_item, custom_formats, (name_prefix or "data") + "[{data_x}]".format(**locals()))
    return data

def validate_medius_exercise_v1__definitions_limb2(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (list, tuple)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be array", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'array', 'items': {'type': 'number', 'minimum': -360, 'maximum': 360}, 'minItems': 2, 'maxItems': 2}, rule='type')
    data_is_list = isinstance(data, (list, tuple))
    if data_is_list:
        data_len = len(data)
        if data_len < 2:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain at least 2 items", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'array', 'items': {'type': 'number', 'minimum': -360, 'maximum': 360}, 'minItems': 2, 'maxItems': 2}, rule='minItems')
        if data_len > 2:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain less than or equal to 2 items", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'array', 'items': {'type': 'number', 'minimum': -360, 'maximum': 360}, 'minItems': 2, 'maxItems': 2}, rule='maxItems')
        for data_x, data_item in enumerate(data):
            validate_medius_exercise_v1__definitions_angle(data_item, custom_formats, (name_prefix or "data") + "[{data_x}]".format(**locals()))
    return data

def validate_medius_exercise_v1__definitions_angle(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (int, float, Decimal)) or isinstance(data, bool):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be number", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'number', 'minimum': -360, 'maximum': 360}, rule='type')
    if isinstance(data, (int, float, Decimal)) and not isinstance(data, bool):
        if data < -360:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be bigger than or equal to -360", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'number', 'minimum': -360, 'maximum': 360}, rule='minimum')
        if data > 360:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be smaller than or equal to 360", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'number', 'minimum': -360, 'maximum': 360}, rule='maximum')
    return data

def validate_medius_exercise_v1__definitions_link(data, custom_formats={}, name_prefix=None):
    data_one_of_count4 = 0
    if data_one_of_count4 < 2:
        try:
            if not isinstance(data, (NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must be null", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'null'}, rule='type')
            data_one_of_count4 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if data_one_of_count4 < 2:
        try:
            if not isinstance(data, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'pattern': '^[a-z][a-z0-9_]*$'}, rule='type')
            if isinstance(data, str):
                if not REGEX_PATTERNS['^[a-z][a-z0-9_]*$'].search(data):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[a-z][a-z0-9_]*$", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'pattern': '^[a-z][a-z0-9_]*$'}, rule='pattern')
            data_one_of_count4 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if data_one_of_count4 != 1:
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be valid exactly by one definition" + (" (" + str(data_one_of_count4) + " matches found)"), value=data, name="" + (name_prefix or "data") + "", definition={'oneOf': [{'type': 'null'}, {'type': 'string', 'pattern': '^[a-z][a-z0-9_]*$'}]}, rule='oneOf')
    return data

def validate_medius_exercise_v1__definitions_sentences(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (list, tuple)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be array", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'array', 'items': {'type': 'string', 'minLength': 3, 'maxLength': 160}}, rule='type')
    data_is_list = isinstance(data, (list, tuple))
    if data_is_list:
        data_len = len(data)
        for data_x, data_item in enumerate(data):
            if not isinstance(data_item, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + "[{data_x}]".format(**locals()) + " must be string", value=data_item, name="" + (name_prefix or "data") + "[{data_x}]".format(**locals()) + "", definition={'type': 'string', 'minLength': 3, 'maxLength': 160}, rule='type')
            if isinstance(data_item, str):
                data_item_len = len(data_item)
                if data_item_len < 3:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + "[{data_x}]".format(**locals()) + " must be longer than or equal to 3 characters", value=data_item, name="" + (name_prefix or "data") + "[{data_x}]".format(**locals()) + "", definition={'type': 'string', 'minLength': 3, 'maxLength': 160}, rule='minLength')
                if data_item_len > 160:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + "[{data_x}]".format(**locals()) + " must be shorter than or equal to 160 characters", value=data_item, name="" + (name_prefix or "data") + "[{data_x}]".format(**locals()) + "", definition={'type': 'string', 'minLength': 3, 'maxLength': 160}, rule='maxLength')
    return data