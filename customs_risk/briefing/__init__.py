"""The daily briefing (信息服务): one page per directly-affiliated customs and one for GACC, HTML and PDF."""
