;;; check.el --- driven by try-emacs.sh after homeport.el: eglot + homeport lsp on the samples  -*- lexical-binding: t -*-
;; Checks what a user sees and does: flymake diagnostics at the right characters (a line with
;; Chinese text and an emoji before each finding), the preferred quick fix, incremental edits,
;; hover, fix-all, and `eglot-workspace-configuration' from .dir-locals.el (emacs/dir-locals.el) once
;; eglot connects again.
;; Writes $HOMEPORT_TRY_OUT/report.txt and the edited buffers; exits 1 on failure.
(require 'cl-lib)
(defvar try-here (file-name-directory load-file-name))
(defvar try-out (or (getenv "HOMEPORT_TRY_OUT") (error "HOMEPORT_TRY_OUT is not set")))
(defvar try-report nil)
(defvar try-failures 0)
(defun try-say (fmt &rest args) (push (apply #'format fmt args) try-report))
(defun try-check (ok fmt &rest args)
  (unless ok (setq try-failures (1+ try-failures)) (push (concat "FAIL: " (apply #'format fmt args)) try-report))
  ok)

(defun try-wait (pred &optional seconds)
  "Do what Emacs's command loop does for a user who stops typing, until PRED holds: run
`post-command-hook' (eglot-ensure connects there), the idle timers (eglot sends didChange and
flymake asks for diagnostics there) and timers and process output."
  (let ((deadline (+ (float-time) (or seconds 10))) ok)
    (while (and (not (setq ok (funcall pred))) (< (float-time) deadline))
      (run-hooks 'post-command-hook)
      ;; Flymake defers its first check until the buffer is shown after a command; in batch that
      ;; moment never comes for a second buffer.
      (when (and (bound-and-true-p flymake-mode) (null (flymake-running-backends))) (flymake-start))
      (mapc #'timer-event-handler (copy-sequence timer-idle-list))
      (accept-process-output nil 0.05))
    ok))

(defun try-save-events ()
  (dolist (b (buffer-list))
    (when (string-match-p "EGLOT.*events" (buffer-name b))
      (with-current-buffer b (write-region nil nil (expand-file-name "eglot-events.log" try-out) t)))))

(defvar try-publishes 0 "publishDiagnostics notifications received so far.")
(advice-add 'eglot-handle-notification :after
            (lambda (_server method &rest _) (when (eq method 'textDocument/publishDiagnostics) (cl-incf try-publishes))))
(defvar try-messages nil "window/showMessage texts from the server.")
(advice-add 'eglot-handle-notification :after
            (lambda (_server method &rest args) (when (eq method 'window/showMessage) (push (plist-get args :message) try-messages))))

(defun try-diags () (and (bound-and-true-p flymake-mode) (flymake-diagnostics)))
(defun try-lsp (diag) (cdr (assoc 'eglot-lsp-diag (eglot--diag-data diag))))
(defun try-diag (rule)
  (cl-find-if (lambda (d) (equal (plist-get (try-lsp d) :code) rule)) (try-diags)))

(defun try-open (file count)
  "Visit FILE and wait for eglot to connect and flymake to show COUNT diagnostics."
  (find-file file)
  (try-check (try-wait (lambda () (eglot-current-server))) "%s: eglot did not connect (mode %s)" file major-mode)
  (try-check (try-wait (lambda () (= (length (try-diags)) count)))
             "%s: %d diagnostics, expected %d (flymake-mode %S, backends %S, eglot has %d, report-fn %S, window %S)"
             file (length (try-diags)) count (bound-and-true-p flymake-mode) (ignore-errors (flymake-running-backends))
             (length (bound-and-true-p eglot--diagnostics)) (and (bound-and-true-p eglot--current-flymake-report-fn) t)
             (get-buffer-window (current-buffer))))

(defun try-position (rule line needle)
  "The diagnostic RULE covers NEEDLE on 1-based LINE, in the buffer and in LSP characters."
  (let ((diag (try-diag rule)) beg end)
    (save-excursion
      (goto-char (point-min)) (forward-line (1- line))
      (when (search-forward needle (line-end-position) t) (setq end (point) beg (- end (length needle)))))
    (when (and (try-check diag "%s: no %s diagnostic" (buffer-name) rule)
               (try-check beg "%s: line %d has no %s" (buffer-name) line needle))
      (try-check (and (= (flymake-diagnostic-beg diag) beg) (= (flymake-diagnostic-end diag) end))
                 "%s: %s at %d-%d, expected %d-%d" (buffer-name) rule
                 (flymake-diagnostic-beg diag) (flymake-diagnostic-end diag) beg end)
      (let ((range (plist-get (try-lsp diag) :range)))
        (try-check (equal (plist-get range :start) (eglot--pos-to-lsp-position beg))
                   "%s: %s sent from %S, expected %S" (buffer-name) rule (plist-get range :start)
                   (eglot--pos-to-lsp-position beg))
        (try-say "%s %s at line %d: points %d-%d, LSP characters %d-%d, %s: %s" (buffer-name) rule line beg end
                 (plist-get (plist-get range :start) :character) (plist-get (plist-get range :end) :character)
                 (flymake-diagnostic-type diag) (flymake-diagnostic-text diag))))))

(defun try-line (line) (save-excursion (goto-char (point-min)) (forward-line (1- line))
                                        (buffer-substring-no-properties (point) (line-end-position))))

(defun try-main ()
  ;; app.py with the settings from homeport.el.
  (try-open "app.py" 3)
  (let ((server (eglot-current-server)))
    (try-say "Emacs %s, eglot %s, server %S" emacs-version
             (or (ignore-errors (package-get-version)) "1.9")
             (plist-get (eglot--server-info server) :name)))
  (try-position "openai-import" 2 "openai")
  (try-position "openai-model" 4 "gpt-4o")
  (try-position "openai-host" 5 "https://api.openai.com/v1")
  ;; The preferred quick fix, as M-x eglot-code-actions offers it by default.
  (let* ((seen try-publishes)
         (diag (try-diag "openai-model"))
         (actions (and diag (eglot-code-actions (flymake-diagnostic-beg diag) (flymake-diagnostic-end diag))))
         (preferred (cl-find-if (lambda (a) (plist-get a :isPreferred)) actions)))
    (dolist (a actions) (try-say "code action: %s [%s]%s" (plist-get a :title) (plist-get a :kind)
                                 (if (plist-get a :isPreferred) " (preferred)" "")))
    (when (try-check preferred "no preferred quick fix among %d actions" (length actions))
      (eglot--apply-workspace-edit (plist-get preferred :edit))
      (try-check (equal (try-line 4) "greeting = \"你好🙂\"; MODEL = \"deepseek-v4-pro\"") "after the quick fix: %s" (try-line 4))
      (try-check (try-wait (lambda () (and (> try-publishes seen) (= (length (try-diags)) 2)))) "after the quick fix: %d diagnostics" (length (try-diags)))))
  ;; Incremental edits on line 5: before the finding, then right after an emoji.
  (save-excursion
    (goto-char (point-min)) (forward-line 4) (insert "x = \"🙂你\"; ")
    (goto-char (point-min)) (forward-line 4) (search-forward "🙂") (insert "好🙂"))
  (try-say "edited line 5: %s" (try-line 5))
  (let ((seen try-publishes))
    (try-check (try-wait (lambda () (and (> try-publishes seen) (try-diag "openai-host")))) "no diagnostics after the edits"))
  (try-position "openai-host" 5 "https://api.openai.com/v1")
  ;; Hover, as eglot's eldoc function asks for it.
  (let* ((diag (try-diag "openai-host"))
         (hover (and diag (save-excursion (goto-char (flymake-diagnostic-beg diag))
                                          (jsonrpc-request (eglot-current-server) :textDocument/hover
                                                           (eglot--TextDocumentPositionParams)))))
         (value (or (plist-get (plist-get hover :contents) :value) "")))
    (try-check (string-match-p "https://api.deepseek.com/v1" value) "hover: %S" hover)
    (try-say "hover: %d characters of Markdown, first line %S" (length value) (car (split-string value "\n"))))
  ;; source.fixAll.homeport with the command homeport.el defines.
  (write-region nil nil (expand-file-name "before-fix-all.py" try-out))
  (let ((all (eglot-code-actions (point-min) (point-min) "source.fixAll.homeport")))
    (try-check (= (length all) 1) "fix-all actions: %S" all)
    (try-say "code action: %s [%s]" (plist-get (car all) :title) (plist-get (car all) :kind)))
  (homeport-fix-all)
  (write-region nil nil (expand-file-name "after-fix-all.py" try-out))
  (set-buffer-modified-p nil)
  ;; app.c with the same server.
  (try-open "app.c" 2)
  (try-position "openai-import" 2 "openai.h")
  (try-position "openai-host" 4 "https://api.openai.com/v1/chat/completions")
  ;; Workspace configuration from .dir-locals.el: shut eglot down and visit a file again.
  (with-temp-file ".dir-locals.el"
    (insert-file-contents (expand-file-name "dir-locals.el" try-here)))
  (try-save-events)
  (eglot-shutdown-all)
  (dolist (b (buffer-list)) (when (buffer-file-name b) (kill-buffer b)))
  (try-open "app.c" 2)
  (try-check (try-wait (lambda () (let ((d (try-diag "openai-import")))
                                    (and d (eq (flymake-diagnostic-type d) 'eglot-error)
                                         (string-match-p "dashscope" (flymake-diagnostic-text d))))))
             "workspace configuration not applied: %S" (mapcar #'flymake-diagnostic-text (try-diags)))
  (try-position "openai-import" 2 "openai.h")
  (try-position "openai-host" 4 "https://api.openai.com/v1/chat/completions"))

(condition-case err (try-main)
  (error (try-check nil "Lisp error: %S" err)))
(try-say "server messages: %S" (reverse try-messages))
(try-say (if (zerop try-failures) "OK" (format "%d failure(s)" try-failures)))
(with-temp-file (expand-file-name "report.txt" try-out)
  (insert (mapconcat #'identity (reverse try-report) "\n") "\n"))
(try-save-events)
(ignore-errors (eglot-shutdown-all))
(kill-emacs (if (zerop try-failures) 0 1))
