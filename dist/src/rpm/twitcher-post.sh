# twitcher %post ($1: 1 on install, 2 on upgrade): register the unit; start it only once ZKSERVERS is set.
if [ -d /run/systemd/system ]; then
    systemctl daemon-reload >/dev/null 2>&1 || :
    if [ "$1" -eq 1 ]; then
        systemctl preset twitcher.service >/dev/null 2>&1 || :
        if [ -r /etc/sysconfig/twitcher ] && (. /etc/sysconfig/twitcher && [ -n "${ZKSERVERS:-}" ]); then
            systemctl enable --now twitcher.service >/dev/null 2>&1 || :
        fi
    fi
fi
exit 0
