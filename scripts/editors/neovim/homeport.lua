-- Neovim ≥ 0.8: start (or reuse) `homeport lsp` for each buffer of these file types.
vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'python', 'swift', 'c', 'cpp', 'objcpp' },
  callback = function(args)
    local marker = vim.fs.find({ '.homeport.yml', '.git' },
      { upward = true, path = vim.fs.dirname(vim.api.nvim_buf_get_name(args.buf)) })[1]
    vim.lsp.start({
      name = 'homeport',
      cmd = { 'homeport', 'lsp' },
      root_dir = marker and vim.fs.dirname(marker) or vim.fn.getcwd(),
      init_options = { target = 'deepseek' },
    })
  end,
})
