-- Neovim 0.7 (Debian 12) has no vim.lsp.start: one client, attached to each buffer of these types.
local homeport_client
vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'python', 'swift', 'c', 'cpp', 'objcpp' },
  callback = function(args)
    if not (homeport_client and vim.lsp.get_client_by_id(homeport_client)) then
      homeport_client = vim.lsp.start_client({
        name = 'homeport',
        cmd = { 'homeport', 'lsp' },
        root_dir = vim.fn.getcwd(),
        init_options = { target = 'deepseek' },
      })
    end
    vim.lsp.buf_attach_client(args.buf, homeport_client)
  end,
})
