# twitcher %preun ($1: 0 on removal, 1 on upgrade): stop and disable the service on removal.
if [ "$1" -eq 0 ] && [ -d /run/systemd/system ]; then
    systemctl --no-reload disable --now twitcher.service >/dev/null 2>&1 || :
fi
exit 0
