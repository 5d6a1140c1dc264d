# Plugins load when the daemon starts: restart a running daemon so it picks the change up.
if [ -d /run/systemd/system ]; then
    systemctl try-restart twitcher.service >/dev/null 2>&1 || :
fi
exit 0
