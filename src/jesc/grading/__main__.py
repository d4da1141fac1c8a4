import sys

from jesc.grading.cli import main

sys.exit(main(prog="python -m jesc.grading"))
