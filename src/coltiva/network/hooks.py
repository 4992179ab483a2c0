"""How network services ask for background work without importing the task module.

The task module imports the services to run them, so a service that called it back
would close a cycle; a service sends ``refresh_wanted`` instead and ``network.tasks``,
connected when the app is ready, queues the rebuild.
"""

from __future__ import annotations

from django.dispatch import Signal

# The user's book changed and its index is large: rebuild it in the background, then
# name the match in its next steps. Argument: ``user``.
refresh_wanted = Signal()
