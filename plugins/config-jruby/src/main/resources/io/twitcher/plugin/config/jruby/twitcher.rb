# The Twitcher DSL, evaluated once when the plugin starts its JRuby runtime. Every .rb config file then runs in a
# fresh anonymous module (Twitcher.evaluate), so what one file defines is invisible to the others; the names below
# are the only ones they share. The Java side (RubyFileEvaluation) validates every argument and builds the watches.
require 'stringio'

# RegisterWatch's constants, as in .twc files.
QUEUE = 1
PARALLEL = 2
DISCARD = 3
WATCH_DATA = 1
WATCH_CHILDREN = 2

module Twitcher
  SCOPE = :__twitcher_scope
  STDIN_KEY = :__twitcher_stdin

  # $stdin as an in-process action sees it: the run's data while an action runs on this thread, the daemon's own
  # standard input otherwise. One object for every thread, because $stdin is global to the runtime.
  class ThreadStdin < BasicObject
    def initialize(fallback)
      @fallback = fallback
    end

    def __current__
      ::Thread.current.thread_variable_get(STDIN_KEY) || @fallback
    end

    def respond_to?(name, include_all = false)
      __current__.respond_to?(name, include_all)
    end

    def inspect
      __current__.inspect
    end

    def method_missing(name, *args, &block)
      __current__.__send__(name, *args, &block)
    end
    ruby2_keywords :method_missing
  end

  class << self
    # Runs one config file's source in a fresh module that extends itself, so that methods defined at its top level
    # are callable there, and constants and classes it defines stay inside it.
    def evaluate(scope, source, file)
      sandbox = Module.new
      sandbox.extend(sandbox)
      sandbox.define_singleton_method(:inspect) { 'main' }
      sandbox.define_singleton_method(:to_s) { 'main' }
      previous = Thread.current.thread_variable_get(SCOPE)
      Thread.current.thread_variable_set(SCOPE, scope)
      begin
        sandbox.module_eval(source, file, 1)
      ensure
        Thread.current.thread_variable_set(SCOPE, previous)
      end
      nil
    end

    # Calls an in-process action with $stdin reading the run's data on this thread.
    def run(callable, data, pass_data)
      previous = Thread.current.thread_variable_get(STDIN_KEY)
      Thread.current.thread_variable_set(STDIN_KEY, StringIO.new(data))
      begin
        pass_data ? callable.call(data) : callable.call
      ensure
        Thread.current.thread_variable_set(STDIN_KEY, previous)
      end
      nil
    end

    # The RubyFileEvaluation of the file this thread is loading.
    def scope(method)
      Thread.current.thread_variable_get(SCOPE) or
        raise "#{method} can be called only while a config file loads (on the thread that loads it)"
    end

    # The line of the innermost call from the config file itself.
    def line(scope)
      file = scope.file_name
      location = caller_locations.find { |l| l.path == file }
      location ? location.lineno : 0
    end
  end
end

$stdin = Twitcher::ThreadStdin.new($stdin)

# The DSL: private Kernel methods, like puts, so that they work at a file's top level, in methods it defines and in
# its classes. exec replaces Kernel#exec, which would replace the daemon's process.
module Kernel
  private

  def register_watch(*args, **keywords, &block)
    scope = Twitcher.scope(:register_watch)
    scope.register(Twitcher.line(scope), args, keywords, block)
    nil
  end

  def exec(*argv)
    scope = Twitcher.scope(:exec)
    scope.exec(Twitcher.line(scope), argv)
  end

  def webhook(*args, **params)
    scope = Twitcher.scope(:webhook)
    scope.webhook(Twitcher.line(scope), args, params)
  end

  def java_action(*args, **params)
    scope = Twitcher.scope(:java_action)
    scope.java_action(Twitcher.line(scope), args, params)
  end

  def action(*args, **params)
    scope = Twitcher.scope(:action)
    scope.action(Twitcher.line(scope), args, params)
  end
end
