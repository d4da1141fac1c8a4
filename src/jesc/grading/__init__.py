"""Grading a class's Otter-Grader assignments: the glue Otter does not give.

Modules, one idea each (``python -m jesc.grading`` or ``python -m jesc.assignments``: ``cli``):

* ``student``: what a student's notebook uses (``self_check``) and type-first test helpers;
* ``source``: an assignment's source notebook: questions and points (essays included),
  ``assign``, the answer key, ``mistakes.yml``;
* ``collect``: a downloaded folder (Moodle, Canvas, plain) as one entry per student;
* ``sandbox``: the bubblewrap sandbox and limits every submission runs in;
* ``worker``: the grading process inside the sandbox (Otter's own grading);
* ``run``: a class graded, some submissions at a time, one ``Graded`` row each;
* ``report``: the class CSV, feedback, the graders' merge and the LMS gradebook;
* ``essays``: each student's essay answers as HTML for graders.
"""
