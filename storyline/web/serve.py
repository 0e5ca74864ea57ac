"""``storyline serve``: the safety checks on where to listen, then uvicorn."""
from __future__ import annotations

import ipaddress

from .app import LOOPBACK_HOSTS, create_app


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    """Refuse to serve a store beyond this machine without a token (one-line ValueError)."""
    if not is_loopback(host) and not token:
        raise ValueError(f"--host {host}: listening beyond this machine needs a token "
                         "(--token or STORYLINE_TOKEN)")
    if token is not None and len(token) < 8:
        raise ValueError("--token: use at least 8 characters")


def run(db: str, host: str, port: int, token: str | None) -> None:
    import uvicorn

    check_bind(host, token)
    # on loopback without a token, only local Host names are answered (no DNS rebinding)
    app = create_app(db, token, allowed_hosts=None if token else LOOPBACK_HOSTS)
    shown = f"[{host}]" if ":" in host else host
    print(f"storyline: serving {db} on http://{shown}:{port}/" + ("  (token required)" if token else ""), flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
