-- Neovim ≥ 0.11: the built-in configuration registry (no plugin needed).
vim.lsp.config('homeport', {
  cmd = { 'homeport', 'lsp' },
  filetypes = { 'python', 'swift', 'c', 'cpp', 'objcpp' },
  root_markers = { '.homeport.yml', '.git' },
  init_options = { target = 'deepseek' },
})
vim.lsp.enable('homeport')
