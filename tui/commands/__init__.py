"""One module per ``taper-tui`` subcommand.

Each module offers ``add_parser(subparsers)`` (registers its flags, sets ``handler``) and a
``run(args) -> int`` handler returning the exit code: 0 success, 1 runtime failure, 2 usage error.
"""
