"""The ``kraft`` command: demo, serve, worker, manage and bench.

``kraft bench NAME ...`` runs the management command ``bench_NAME`` that the app owning the benchmark defines.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any


def _setup(data_dir: str | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kraft.settings")
    if data_dir:
        os.environ["KRAFT_DATA_DIR"] = data_dir
    import django

    django.setup()


def server_options(host: str, port: int, workers: int, threads: int, ready_message: str = "") -> dict[str, Any]:
    options: dict[str, Any] = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        "timeout": 120,
        "accesslog": os.environ.get("KRAFT_ACCESS_LOG", "-"),
        "forwarded_allow_ips": os.environ.get("KRAFT_FORWARDED_ALLOW_IPS", "127.0.0.1"),
        # gunicorn's runtime control socket is one fixed path per user: several `kraft serve` on one machine
        # would share it. Kraft does not use it.
        "control_socket_disable": True,
    }
    if ready_message:  # said once the socket listens, not before the seconds of warm-up and binding

        def when_ready(server: Any) -> None:
            print(ready_message, flush=True)

        options["when_ready"] = when_ready
    return options


def _serve(host: str, port: int, workers: int, threads: int, ready_message: str = "") -> None:
    from gunicorn.app.base import BaseApplication

    from kraft.wsgi import application

    class KraftServer(BaseApplication):  # type: ignore[misc]
        def __init__(self) -> None:
            self.options = server_options(host, port, workers, threads, ready_message)
            super().__init__()

        def load_config(self) -> None:
            for key, value in self.options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return application

    _warm_shared_data()
    KraftServer().run()


def _warm_shared_data() -> None:
    """Read the Swedish dictionary of the search analyser (seconds and about 150 MB) once, in gunicorn's master
    before it forks the workers: they share it, and no first search or save waits for it (nor do several
    threads of one worker each read it at once). Frozen out of the garbage collector so that the workers'
    collections do not copy its pages."""
    import gc

    from kraft.search.analysis.analyzer import get_analyzer

    get_analyzer()
    gc.freeze()


def demo_site_url(host: str, port: int) -> None:
    """The demo's links (in e-mails, exports, the DCAT catalogue) lead to where it listens, unless
    ``KRAFT_SITE_URL`` says otherwise; its worker inherits the setting."""
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host  # noqa: S104 (compared, not bound)
    os.environ.setdefault("KRAFT_SITE_URL", f"http://{shown}:{port}")


def cmd_demo(args: argparse.Namespace) -> None:
    os.environ.setdefault("KRAFT_DATA_DIR", os.path.abspath(args.data_dir))
    demo_site_url(args.host, args.port)
    _setup()
    from django.core.management import call_command

    print("Kraft demo: förbereder databasen i", os.environ["KRAFT_DATA_DIR"], flush=True)
    print("[1/3] Migrerar databasen …", flush=True)
    call_command("migrate", interactive=False, verbosity=0)
    print("[2/3] Laddar referensdata (kommuner, regioner, län) …", flush=True)
    call_command("load_reference")
    print("[3/3] Laddar demodata …", flush=True)
    call_command("load_demo")
    call_command("collectstatic", interactive=False, verbosity=0)
    from kraft.operations.supervise import Supervisor

    worker = None
    if not args.no_worker:  # supervised: a worker that dies is started again
        worker = Supervisor([sys.executable, "-m", "kraft.cli", "worker"], env={**os.environ}).start()
    print("Startar webbservern …", flush=True)
    ready = f"\nKraft körs på http://{args.host}:{args.port}/  (avsluta med Ctrl+C)\n"
    try:
        _serve(args.host, args.port, workers=1, threads=8, ready_message=ready)
    finally:
        if worker is not None:
            worker.stop()


def cmd_serve(args: argparse.Namespace) -> None:
    _setup()
    from django.conf import settings

    if settings.DEBUG:
        print("Varning: KRAFT_DEBUG är på; stäng av det i produktion.", file=sys.stderr)
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    ready = f"Kraft körs på http://{args.host}:{args.port}/"
    _serve(args.host, args.port, workers=args.workers, threads=args.threads, ready_message=ready)


def cmd_worker(args: argparse.Namespace) -> None:
    _setup()
    from kraft.operations.worker import run_worker

    run_worker(queues=args.queues, interval=args.interval, batch=args.batch, max_tasks=args.max_tasks)


def cmd_manage(args: argparse.Namespace) -> None:
    _setup()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["kraft manage", *args.rest])


def cmd_bench(args: argparse.Namespace) -> None:
    _setup()
    from django.core.management import get_commands

    available = sorted(name[len("bench_") :] for name in get_commands() if name.startswith("bench_"))
    if not args.name or args.name not in available:
        print("Benchmarks:", ", ".join(available) or "(inga)")
        sys.exit(0 if not args.name else 2)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["kraft bench", f"bench_{args.name}", *args.rest])


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kraft", description="Kraft – AI-samverkan för kommuner och civilsamhälle")
    sub = parser.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", help="skapa en demodatabas (SQLite) med riktiga data och starta plattformen")
    demo.add_argument("--host", default="127.0.0.1")
    demo.add_argument("--port", type=int, default=8000)
    demo.add_argument("--data-dir", default=os.environ.get("KRAFT_DATA_DIR", "kraft-data"))
    demo.add_argument("--no-worker", action="store_true", help="starta ingen bakgrundsarbetare")
    demo.set_defaults(func=cmd_demo)

    serve = sub.add_parser("serve", help="produktionsserver (gunicorn) som även serverar statiska filer")
    serve.add_argument("--host", default=os.environ.get("KRAFT_HOST", "127.0.0.1"))
    serve.add_argument("--port", type=int, default=int(os.environ.get("KRAFT_PORT", "8000")))
    serve.add_argument("--workers", type=int, default=int(os.environ.get("KRAFT_WEB_WORKERS", "2")))
    serve.add_argument("--threads", type=int, default=int(os.environ.get("KRAFT_WEB_THREADS", "4")))
    serve.set_defaults(func=cmd_serve)

    worker = sub.add_parser("worker", help="kör bakgrundsuppgifter (Djangos tasks-API, databaskö)")
    worker.add_argument("--queues", default="*", help="köer att behandla, kommaseparerade ('*' = alla)")
    worker.add_argument("--interval", type=float, default=1.0)
    worker.add_argument("--batch", action="store_true", help="behandla det som väntar och avsluta")
    worker.add_argument("--max-tasks", type=int, default=None, help="avsluta efter så många uppgifter")
    worker.set_defaults(func=cmd_worker)

    manage = sub.add_parser("manage", help="Djangos hanteringskommandon", add_help=False)
    manage.add_argument("rest", nargs=argparse.REMAINDER)
    manage.set_defaults(func=cmd_manage)

    bench = sub.add_parser("bench", help="mätningar som skriver JSON", add_help=False)
    bench.add_argument("name", nargs="?")
    bench.add_argument("rest", nargs=argparse.REMAINDER)
    bench.set_defaults(func=cmd_bench)
    return parser


def main(argv: list[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()
