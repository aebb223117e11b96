"""The answer-generation port: an optional language model behind Django's backend idiom.

``LLM_BACKENDS`` names backends like ``CACHES`` does; ``kraft.llm.handler.backends["default"]`` returns the
configured one, and the extractive backend (no model at all) when nothing is configured.
"""
