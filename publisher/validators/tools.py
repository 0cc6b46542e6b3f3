"""Where the external validators live, and how to run one with a hard timeout and no network."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from publisher.validators.result import ValidatorFailed, ValidatorMissing

# scripts/install-tools.sh puts the Node tools in <repo>/tools/node_modules and EPUBCheck in
# <repo>/.tools/epubcheck; PUBLISHER_TOOLS_HOME points elsewhere for a non-editable install.
REPO_ROOT = Path(__file__).resolve().parents[2]


def tools_home() -> Path:
    return Path(os.environ.get("PUBLISHER_TOOLS_HOME", REPO_ROOT))


def executable(tool: str, name: str, env_var: str = "") -> str:
    """A program on PATH (or named by ``env_var``), else ValidatorMissing."""
    override = os.environ.get(env_var) if env_var else None
    found = shutil.which(override or name)
    if found is None:
        raise ValidatorMissing(tool, f"no '{override or name}' on PATH")
    return found


def installed_file(tool: str, relative: str) -> Path:
    """A file that install-tools.sh puts under the tools home, else ValidatorMissing."""
    path = tools_home() / relative
    if not path.is_file():
        raise ValidatorMissing(tool, f"no {path}")
    return path


def java(tool: str) -> str:
    return executable(tool, "java", "PUBLISHER_JAVA")


def node(tool: str) -> str:
    return executable(tool, "node", "PUBLISHER_NODE")


def chromium(tool: str) -> str:
    return executable(tool, "chromium", "PUBLISHER_CHROMIUM")


def soffice(tool: str) -> str:
    return executable(tool, "soffice", "PUBLISHER_SOFFICE")


def epubcheck_jar() -> Path:
    return installed_file("epubcheck", ".tools/epubcheck/epubcheck.jar")


def node_script(tool: str, relative: str) -> Path:
    """A script inside tools/ (ours or a package's); its node_modules must be installed."""
    installed_file(tool, "tools/node_modules/.package-lock.json")
    return installed_file(tool, f"tools/{relative}")


def chromium_env(tool: str, scratch: Path) -> dict[str, str]:
    """Environment for a Node tool that drives Chromium: Debian's browser, never a download.

    TMPDIR and the XDG folders point into ``scratch`` so the browser profile, Ace's temporary copies,
    its log files and any user-level Ace config stay out of the result and are deleted with the scratch folder.
    """
    launcher = installed_file(tool, "tools/chromium-headless")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PUPPETEER_", "XDG_"))}
    env.update(
        PUBLISHER_CHROMIUM=chromium(tool),
        PUBLISHER_CHROMIUM_LAUNCHER=str(launcher),
        PUPPETEER_EXECUTABLE_PATH=str(launcher),
        PUPPETEER_SKIP_DOWNLOAD="1",
        TMPDIR=str(scratch),
        XDG_CONFIG_HOME=str(scratch / "config"),
        XDG_DATA_HOME=str(scratch / "data"),
        XDG_CACHE_HOME=str(scratch / "cache"),
        XDG_STATE_HOME=str(scratch / "state"),  # Ace writes a log file per run there
        NODE_ENV="production",  # Ace logs page console output when NODE_ENV=development
    )
    return env


@dataclass(frozen=True)
class Completed:
    returncode: int
    stdout: str
    stderr: str


def run(tool: str, argv: list[str], *, timeout: float, env: dict[str, str] | None = None,
        cwd: Path | None = None) -> Completed:
    """Run ``argv`` in its own process group; on timeout kill the whole group (Chromium, soffice.bin too)."""
    with subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          env=env, cwd=cwd, text=True, encoding="utf-8", errors="replace",
                          start_new_session=True) as proc:
        try:
            stdout, stderr = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            stdout, stderr = proc.communicate()
            raise ValidatorFailed(tool, f"timed out after {timeout:g} s", stderr or stdout) from None
        finally:
            _kill_group(proc)  # leftovers such as a browser the tool forgot to close
    return Completed(proc.returncode, stdout, stderr)


def _kill_group(proc: subprocess.Popen[str]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):  # the group is already gone
        os.killpg(proc.pid, signal.SIGKILL)


def scratch_dir(tool: str) -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix=f"publisher-{tool}-")
