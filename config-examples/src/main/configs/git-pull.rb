# Keep a git checkout current on every machine. The repository's post-commit hook runs
# `twitcher poke /git/head`; every machine watching /git/head then pulls within seconds.
register_watch znode: '/git/head',
               action: exec('cd /srv/app && git pull --ff-only'),
               run_mode: QUEUE,      # one pull at a time; a burst of commits leaves exactly one more pull
               timeout: 300,         # seconds: SIGTERM to the pull's process group, SIGKILL 5 s later
               uid: 'nobody',        # gid omitted: nobody's primary group
               pipe_stdin: false,    # git pull does not read the znode's data
               description: 'git pull /srv/app'
