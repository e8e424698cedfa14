-- Loaded with --cmd by try-neovim.sh before the user configuration: debug logging, and a record of
-- every raw publishDiagnostics and showMessage from the server (the handlers still run as usual).
vim.lsp.set_log_level('debug')
_G.homeport_raw = {}
_G.homeport_messages = {}
local publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  if result then
    local entry = _G.homeport_raw[result.uri] or { count = 0 }
    entry.count = entry.count + 1
    entry.version = result.version
    entry.diagnostics = result.diagnostics
    _G.homeport_raw[result.uri] = entry
  end
  return publish(err, result, ctx, config)
end
local show = vim.lsp.handlers['window/showMessage']
vim.lsp.handlers['window/showMessage'] = function(err, result, ctx, config)
  table.insert(_G.homeport_messages, result and result.message or vim.inspect(err))
  return show(err, result, ctx, config)
end
