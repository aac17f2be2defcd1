# Shared set-up for the Pester suites: which built module to test, and how to start a fresh pwsh.
$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

function Get-BuiltModulePath {
    # CONTRASTIVEREC_MODULE lets a developer point the suite at another build of the module.
    if ($env:CONTRASTIVEREC_MODULE) { return $env:CONTRASTIVEREC_MODULE }
    return Join-Path $script:RepoRoot 'out/ContrastiveRec/ContrastiveRec.psd1'
}

function Get-RepoRoot { $script:RepoRoot }

function Invoke-FreshPwsh {
    <# Runs a script in a new pwsh process (no profile) and returns its output lines; throws on a non-zero exit. #>
    param([Parameter(Mandatory)][string] $Script, [hashtable] $Environment = @{})
    $saved = @{}
    foreach ($k in $Environment.Keys) { $saved[$k] = [Environment]::GetEnvironmentVariable($k); [Environment]::SetEnvironmentVariable($k, $Environment[$k]) }
    try {
        $out = & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command $Script 2>&1
        if ($LASTEXITCODE -ne 0) { throw "pwsh exited with $LASTEXITCODE`n$($out -join "`n")" }
        return $out
    }
    finally {
        foreach ($k in $saved.Keys) { [Environment]::SetEnvironmentVariable($k, $saved[$k]) }
    }
}

Export-ModuleMember -Function Get-BuiltModulePath, Get-RepoRoot, Invoke-FreshPwsh
