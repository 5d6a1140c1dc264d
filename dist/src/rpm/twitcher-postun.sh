# twitcher %postun ($1: 0 on removal, 1 on upgrade): restart a running daemon on upgrade; on removal drop the
# state and log directories the package created.
if [ -d /run/systemd/system ]; then
    systemctl daemon-reload >/dev/null 2>&1 || :
    if [ "$1" -ge 1 ]; then
        systemctl try-restart twitcher.service >/dev/null 2>&1 || :
    fi
fi
if [ "$1" -eq 0 ]; then
    rm -rf /var/lib/twitcher /var/log/twitcher /var/cache/twitcher
fi
exit 0
