"""Runs a command in a pseudo-terminal and answers its prompts as a person would.

Reads a JSON list of steps from standard input: [{"expect": REGEX, "send": TEXT}, ...]. Each step waits
for REGEX in what the program printed since the previous step, then types TEXT. Prints everything the
program printed, and exits with its exit code (124 when a prompt did not come in time).
"""
import fcntl
import json
import os
import pty
import re
import select
import struct
import sys
import termios
import time

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def main() -> int:
    steps = json.load(sys.stdin)
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(sys.argv[1], sys.argv[1:])
    # A wide terminal, so that no prompt wraps in the middle of the text a step waits for.
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 250, 0, 0))
    output = b""
    seen = 0

    def read(timeout: float) -> bool:
        nonlocal output
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return False
        if not chunk:
            return False
        output += chunk
        return True

    for step in steps:
        pattern = re.compile(step["expect"])
        deadline = time.time() + 20
        while True:
            text = ANSI.sub("", output.decode("utf-8", "replace"))
            match = pattern.search(text, seen)
            if match:
                seen = match.end()
                break
            if time.time() > deadline or not read(0.2):
                sys.stdout.write(text)
                sys.stdout.write(f"\n[pty-driver] no prompt matching {step['expect']!r}\n")
                os.kill(pid, 9)
                return 124
        # Let the prompt finish drawing before typing, as a person would.
        time.sleep(0.05)
        os.write(fd, step["send"].encode())
    while read(5):
        pass
    _, status = os.waitpid(pid, 0)
    sys.stdout.write(ANSI.sub("", output.decode("utf-8", "replace")))
    return os.waitstatus_to_exitcode(status)


sys.exit(main())
