"""One router per feature; `assistant.api.app.ROUTERS` lists them in the order the API documents them."""
