"""One module per tab: each builds its components inside `build_ui`'s layout, wires its own events and
returns what other parts need (the components to fill at login or to empty at logout)."""
