# Odoo 18 (official image) plus sgz's Python dependencies. The sgz addons are mounted, not copied.
FROM odoo:18 AS runtime
USER root
COPY requirements.txt /tmp/sgz-requirements.txt
RUN (python3 -m pip --version || (apt-get update && apt-get install -y --no-install-recommends python3-pip)) \
    && python3 -m pip install --no-cache-dir --break-system-packages -r /tmp/sgz-requirements.txt \
    && rm -rf /var/lib/apt/lists/*
USER odoo

# The test image adds a headless browser for the tours.
FROM runtime AS test
USER root
RUN apt-get update \
    && apt-get install -y --no-install-recommends wget ca-certificates \
    && wget -q -O /tmp/chrome.deb https://dl.google.com/linux/direct/google-chrome-stable_current_amd64.deb \
    && apt-get install -y --no-install-recommends /tmp/chrome.deb \
    && rm -rf /var/lib/apt/lists/* /tmp/chrome.deb
USER odoo
