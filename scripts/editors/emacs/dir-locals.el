((nil . ((eglot-workspace-configuration
          . (:homeport (:target "qwen" :rules (:openai-import "error")))))))
