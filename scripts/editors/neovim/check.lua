-- Run with -c by try-neovim.sh after the user configuration started homeport on samples/app.py.
-- Checks what a user would see and do: diagnostics at the right columns (a line with Chinese text
-- and an emoji before each finding), the preferred quick fix, incremental edits, hover, fix-all,
-- settings sent with workspace/didChangeConfiguration; then files in C, Swift and Objective-C.
-- Writes a report to $HOMEPORT_TRY_OUT/report.txt and the edited buffers beside it; exits 1 on failure.
local out = assert(os.getenv('HOMEPORT_TRY_OUT'), 'HOMEPORT_TRY_OUT is not set')
local report, failures = {}, 0
local function say(...) table.insert(report, string.format(...)) end
local function check(ok, ...)
  if not ok then failures = failures + 1; say('FAIL: ' .. string.format(...)) end
  return ok
end
local function finish()
  say(failures == 0 and 'OK' or ('%d failure(s)'):format(failures))
  say('server messages: %s', vim.inspect(_G.homeport_messages))
  vim.fn.writefile(report, out .. '/report.txt')
  vim.cmd((failures == 0 and 'qa!' or 'cq!'))
end

local function homeport_client(buf)
  local clients = vim.lsp.get_clients and vim.lsp.get_clients() or vim.lsp.get_active_clients()
  for _, client in pairs(clients) do
    if client.name == 'homeport' and vim.lsp.buf_is_attached(buf, client.id) then return client end
  end
end

local function published(buf) return _G.homeport_raw[vim.uri_from_bufnr(buf)] end

-- Waits for a publish after `count` publishes whose version is the buffer's and that satisfies `test`.
local function wait_publish(buf, count, test)
  return vim.wait(10000, function()
    local entry = published(buf)
    return entry ~= nil and entry.count > count and entry.version == vim.lsp.util.buf_versions[buf]
      and (test == nil or test(entry.diagnostics))
  end, 20)
end

local function raw_for(buf, rule)
  for _, d in ipairs(published(buf) and published(buf).diagnostics or {}) do
    if d.code == rule then return d end
  end
end

local function shown_for(buf, rule)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == rule then return d end
  end
end

-- The finding `rule` on 0-based line `row` covers `needle`: Neovim's byte columns and the server's
-- own positions in the negotiated encoding.
local function check_position(buf, client, rule, row, needle)
  local line = vim.api.nvim_buf_get_lines(buf, row, row + 1, true)[1]
  local first = line:find(needle, 1, true)
  if not check(first, '%s: line %d has no %q: %s', rule, row, needle, line) then return end
  local col, end_col = first - 1, first - 1 + #needle
  local shown, raw = shown_for(buf, rule), raw_for(buf, rule)
  if not check(shown and raw, 'no %s diagnostic; have %s', rule, vim.inspect(vim.diagnostic.get(buf))) then return end
  check(shown.lnum == row and shown.col == col and shown.end_lnum == row and shown.end_col == end_col,
    '%s shown at %d:%d-%d:%d, expected %d:%d-%d:%d', rule, shown.lnum, shown.col, shown.end_lnum, shown.end_col,
    row, col, row, end_col)
  local character = vim.lsp.util.character_offset(buf, row, col, client.offset_encoding)
  local end_character = vim.lsp.util.character_offset(buf, row, end_col, client.offset_encoding)
  check(raw.range.start.line == row and raw.range.start.character == character
    and raw.range['end'].character == end_character,
    '%s sent as %s, expected line %d characters %d-%d (%s)', rule, vim.inspect(raw.range), row, character,
    end_character, client.offset_encoding)
  say('%s at line %d: bytes %d-%d, %s characters %d-%d, severity %d: %s', rule, row, col, end_col,
    client.offset_encoding, raw.range.start.character, raw.range['end'].character, raw.severity, raw.message)
end

local function request(buf, method, params)
  local responses, err = vim.lsp.buf_request_sync(buf, method, params, 10000)
  check(responses, '%s: no response (%s)', method, tostring(err))
  for _, response in pairs(responses or {}) do
    check(response.err == nil, '%s: error response %s', method, vim.inspect(response.err))
    return response.result
  end
end

local function buffer_text(buf) return table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, true), '\n') .. '\n' end

local function main()
-- app.py ---------------------------------------------------------------------------------------
local buf = vim.api.nvim_get_current_buf()
local uri = vim.uri_from_bufnr(buf)
if not check(vim.wait(10000, function() return homeport_client(buf) ~= nil end, 20), 'homeport never attached to %s', uri)
  or not check(wait_publish(buf, 0), 'no diagnostics for %s', uri) then
  return
end
local client = homeport_client(buf)
local v = vim.version()
say('Neovim %d.%d.%d, server %s %s, position encoding %s', v.major, v.minor, v.patch, client.server_info and client.server_info.name or '(serverInfo not kept by this Neovim)',
  client.server_info and client.server_info.version or '', client.offset_encoding)
check(#published(buf).diagnostics == 3, 'app.py: %d diagnostics, expected 3: %s', #published(buf).diagnostics,
  vim.inspect(published(buf).diagnostics))
check_position(buf, client, 'openai-import', 1, 'openai')
check_position(buf, client, 'openai-model', 3, 'gpt-4o')
check_position(buf, client, 'openai-host', 4, 'https://api.openai.com/v1')

-- The preferred quick fix for gpt-4o, as `vim.lsp.buf.code_action({apply = true})` would choose it.
local model = raw_for(buf, 'openai-model')
local actions = request(buf, 'textDocument/codeAction', {
  textDocument = { uri = uri }, range = model.range, context = { diagnostics = { model } },
}) or {}
local preferred
for _, action in ipairs(actions) do
  say('code action: %s [%s]%s', action.title, action.kind, action.isPreferred and ' (preferred)' or '')
  if action.isPreferred then preferred = preferred or action end
end
if check(preferred, 'no preferred quick fix among %d actions', #actions) then
  local count = published(buf).count
  vim.lsp.util.apply_workspace_edit(preferred.edit, client.offset_encoding)
  local line = vim.api.nvim_buf_get_lines(buf, 3, 4, true)[1]
  check(line == 'greeting = "你好🙂"; MODEL = "deepseek-v4-pro"', 'after the quick fix line 4 is %q', line)
  check(wait_publish(buf, count, function(ds) return #ds == 2 end), 'after the quick fix: %s',
    vim.inspect(published(buf).diagnostics))
end

-- Incremental edits on the line of a finding: before it, then right after an emoji.
local count = published(buf).count
vim.api.nvim_buf_set_text(buf, 4, 0, 4, 0, { 'x = "🙂你"; ' })
local after_emoji = vim.api.nvim_buf_get_lines(buf, 4, 5, true)[1]:find('🙂', 1, true) + #'🙂' - 1
vim.api.nvim_buf_set_text(buf, 4, after_emoji, 4, after_emoji, { '好🙂' })
say('edited line 5: %s', vim.api.nvim_buf_get_lines(buf, 4, 5, true)[1])
if check(wait_publish(buf, count), 'no diagnostics after the edits') then
  check_position(buf, client, 'openai-host', 4, 'https://api.openai.com/v1')
end

-- Hover on the host.
local host = raw_for(buf, 'openai-host')
if host then
  local hover = request(buf, 'textDocument/hover', { textDocument = { uri = uri }, position = host.range.start })
  local value = hover and hover.contents and hover.contents.value or ''
  check(value:find('DeepSeek', 1, true) and value:find('https://api.deepseek.com/v1', 1, true), 'hover: %s', vim.inspect(hover))
  check(hover and vim.deep_equal(hover.range, host.range), 'hover range %s, finding %s', vim.inspect(hover and hover.range), vim.inspect(host.range))
  say('hover: %d characters of Markdown, first line %q', #value, value:match('[^\n]*'))
end

-- Settings changed at run time: another target, a rule's level.
count = published(buf).count
local settings = { settings = { homeport = { target = 'qwen', rules = { ['openai-import'] = 'error' } } } }
if vim.fn.has('nvim-0.11') == 1 then
  client:notify('workspace/didChangeConfiguration', settings)
else
  client.notify('workspace/didChangeConfiguration', settings)
end
check(wait_publish(buf, count, function(ds)
  for _, d in ipairs(ds) do if d.code == 'openai-import' and d.severity == 1 and d.message:find('Qwen', 1, true) then return true end end
end), 'didChangeConfiguration: %s', vim.inspect(published(buf).diagnostics))
check_position(buf, client, 'openai-import', 1, 'openai')

-- source.fixAll.homeport with the new target; try-neovim.sh compares the result with `homeport fix`.
vim.fn.writefile(vim.api.nvim_buf_get_lines(buf, 0, -1, true), out .. '/before-fix-all.py')
local all = request(buf, 'textDocument/codeAction', {
  textDocument = { uri = uri },
  range = { start = { line = 0, character = 0 }, ['end'] = { line = 0, character = 0 } },
  context = { diagnostics = {}, only = { 'source.fixAll.homeport' } },
}) or {}
if check(#all == 1 and all[1].kind == 'source.fixAll.homeport', 'fix-all actions: %s', vim.inspect(all)) then
  say('code action: %s [%s]', all[1].title, all[1].kind)
  vim.lsp.util.apply_workspace_edit(all[1].edit, client.offset_encoding)
end
vim.cmd('write! ' .. vim.fn.fnameescape(out .. '/after-fix-all.py'))

-- app.c, App.swift and an Objective-C header: positions only.
for _, case in ipairs({
  { file = 'app.c', findings = { { 'openai-import', 1, 'openai.h' }, { 'openai-host', 3, 'https://api.openai.com/v1/chat/completions' } } },
  { file = 'App.swift', findings = { { 'openai-import', 1, 'OpenAI' }, { 'openai-model', 3, 'gpt-4o' } } },
  { file = 'Client.h', filetype = 'objcpp', findings = { { 'openai-host', 6, 'https://api.openai.com/v1' } } },
}) do
  vim.cmd('edit ' .. vim.fn.fnameescape(case.file))
  local b = vim.api.nvim_get_current_buf()
  if case.filetype then check(vim.bo[b].filetype == case.filetype, '%s: file type %s', case.file, vim.bo[b].filetype) end
  if check(vim.wait(10000, function() return homeport_client(b) ~= nil end, 20), '%s: homeport did not attach (filetype %s)', case.file, vim.bo[b].filetype)
    and check(wait_publish(b, 0), '%s: no diagnostics', case.file) then
    check(#published(b).diagnostics == #case.findings, '%s: %s', case.file, vim.inspect(published(b).diagnostics))
    for _, f in ipairs(case.findings) do check_position(b, homeport_client(b), f[1], f[2], f[3]) end
  end
end
end

local ok, problem = xpcall(main, debug.traceback)
check(ok, 'Lua error: %s', tostring(problem))
finish()
