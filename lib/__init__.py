"""Communiqué Lens: turn an official communiqué into a brief whose every fact is traceable.

Pure Python, no Streamlit: ingest -> sentences/language -> analysis -> report/cli.
"""
