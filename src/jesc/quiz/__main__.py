"""``python -m jesc.quiz key exercises/quizzes/demo.yml [--html]``: print a printable answer key.
``python -m jesc.quiz check FILE...``: validate quiz files (exit 1 with the message if one is bad).
"""

from __future__ import annotations

import argparse
import sys

from jesc.errors import QuizError
from jesc.quiz.key import answer_key
from jesc.quiz.load import load_quiz


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m jesc.quiz", description="Quiz tools of the course.")
    sub = p.add_subparsers(dest="cmd", required=True)
    k = sub.add_parser("key", help="print the answer key of a quiz (Markdown, or HTML with --html)")
    k.add_argument("quiz", help="a quiz file or name, e.g. exercises/quizzes/demo.yml or demo")
    k.add_argument("--html", action="store_true", help="print HTML instead of Markdown")
    c = sub.add_parser("check", help="validate quiz files")
    c.add_argument("quizzes", nargs="+")
    args = p.parse_args(argv)
    try:
        if args.cmd == "key":
            quiz = load_quiz(args.quiz, allow_missing=True)
            sys.stdout.write(answer_key(quiz, "html" if args.html else "markdown"))
        else:
            for f in args.quizzes:
                quiz = load_quiz(f, allow_missing=True)
                print(f"{quiz.source_file}: OK ({len(quiz.questions)} questions)")
    except QuizError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
