-- Headless Neovim as an independent LSP client of `rolint lsp`.
--
-- Run: nvim --headless --clean -n FILE -c "luafile tests/lsp/nvim_rolint.lua"
-- Environment:
--   ROLINT_PYTHON  python executable that has rolint installed
--   ROLINT_ENC     position encoding to offer: "utf-8" or "utf-16"
--   ROLINT_OUT     where to write the JSON report
--   ROLINT_N       number of cedilla diagnostics expected at first
-- The report has the diagnostics Neovim holds (0-based line, byte column, and the
-- server's raw LSP range), the negotiated encoding, the quick fix applied, and what
-- the buffer and diagnostics look like afterwards.

local CEDILLA = 'diacritics/cedilla'
local out = { ok = false, steps = {} }
local bufnr = vim.api.nvim_get_current_buf()

local function finish()
  local fh = assert(io.open(os.getenv('ROLINT_OUT'), 'w'))
  fh:write(vim.json.encode(out))
  fh:close()
  vim.cmd('qa!')
end

local function step(name)
  table.insert(out.steps, name)
end

local function cedillas()
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == CEDILLA then
      table.insert(found, d)
    end
  end
  table.sort(found, function(a, b)
    return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col)
  end)
  return found
end

local ok, err = pcall(function()
  local enc = os.getenv('ROLINT_ENC') or 'utf-16'
  local want = tonumber(os.getenv('ROLINT_N'))
  local caps = vim.lsp.protocol.make_client_capabilities()
  caps.general = caps.general or {}
  caps.general.positionEncodings = { enc }
  local file = vim.api.nvim_buf_get_name(bufnr)
  local client_id = vim.lsp.start({
    name = 'rolint',
    cmd = { os.getenv('ROLINT_PYTHON') or 'python3', '-m', 'rolint', 'lsp' },
    root_dir = vim.fs.dirname(file),
    capabilities = caps,
  }, { bufnr = bufnr })
  assert(client_id, 'vim.lsp.start returned nil')
  local client = assert(vim.lsp.get_client_by_id(client_id))
  step('started')

  assert(vim.wait(20000, function()
    return #cedillas() >= want
  end, 20), 'no diagnostics from rolint')
  out.encoding = client.offset_encoding
  out.filetype = vim.bo[bufnr].filetype
  out.before = {}
  for _, d in ipairs(cedillas()) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(out.before, {
      lnum = d.lnum,
      col = d.col,
      end_col = d.end_col,
      source = d.source,
      character = lsp.range and lsp.range.start.character,
      end_character = lsp.range and lsp.range['end'].character,
    })
  end
  step('diagnostics')

  -- ask for the code actions at the last cedilla (after the emoji on its line)
  local target = cedillas()[#cedillas()]
  local lsp_diag = target.user_data.lsp
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = lsp_diag.range,
    context = { diagnostics = { lsp_diag }, only = { 'quickfix' } },
  }
  local reply = client:request_sync('textDocument/codeAction', params, 10000, bufnr)
  assert(reply and not reply.err, 'codeAction failed: ' .. vim.inspect(reply))
  out.titles = {}
  local chosen
  for _, action in ipairs(reply.result or {}) do
    table.insert(out.titles, action.title)
    if action.isPreferred and not chosen then
      chosen = action
    end
  end
  assert(chosen, 'no preferred quick fix')
  if not chosen.edit then
    local resolved = client:request_sync('codeAction/resolve', chosen, 10000, bufnr)
    chosen = resolved.result
  end
  out.applied = chosen.title
  vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding)
  step('applied')

  assert(vim.wait(20000, function()
    return #cedillas() == want - 1
  end, 20), 'the fixed diagnostic did not go away')
  out.after = {}
  for _, d in ipairs(cedillas()) do
    table.insert(out.after, { lnum = d.lnum, col = d.col })
  end
  out.lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  step('fixed')

  client:stop()
  vim.wait(5000, function()
    return client:is_stopped()
  end, 20)
  out.stopped = client:is_stopped()
  out.ok = true
end)

if not ok then
  out.error = tostring(err)
end
finish()
