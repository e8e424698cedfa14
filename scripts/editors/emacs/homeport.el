;; Emacs with eglot: `homeport lsp' for Python, C, C++, Objective-C headers and Swift (swift-mode).
(require 'eglot)
(add-to-list 'eglot-server-programs
             '((python-mode c-mode c++-mode objc-mode swift-mode)
               . ("homeport" "lsp" :initializationOptions (:target "deepseek"))))
(dolist (hook '(python-mode-hook c-mode-hook c++-mode-hook objc-mode-hook swift-mode-hook))
  (add-hook hook #'eglot-ensure))
(defun homeport-fix-all ()
  "Apply Homeport's fixes to the whole buffer (the code action source.fixAll.homeport)."
  (interactive)
  (eglot-code-actions (point-min) (point-min) "source.fixAll.homeport" t))
