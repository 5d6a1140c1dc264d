# An in-process action: Ruby code that runs inside the daemon (no child process) each time the
# application's JSON settings change. A bad write raises, and the run fails with this file and line.
require 'json'

REQUIRED = %w[url pool_size].freeze
last_good = nil

register_watch znode: '/app/settings', description: 'check app settings' do |data|
  settings = JSON.parse(data)
  missing = REQUIRED - settings.keys
  raise ArgumentError, "settings lack #{missing.join(', ')}" unless missing.empty?
  warn "settings changed: #{settings.keys.sort.join(', ')}" if last_good && last_good != settings
  last_good = settings
end
