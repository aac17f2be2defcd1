# libLibTorchSharp.so from TorchSharp-cpu 0.107.0 asks for GLIBCXX_3.4.32 (GCC 13's libstdc++). The only symbol
# under that version is _ZSt21ios_base_library_initv, an iostream marker no relocation uses, so marking the
# version requirement weak (VER_FLG_WEAK) lets the library load against an older libstdc++ and work unchanged.

$script:WeakVersionFlag = 0x2
$script:ShtGnuVerneed = 0x6ffffffe

function Test-SystemLibStdCxxVersion {
    <# True when the system's libstdc++.so.6 defines the given symbol version. #>
    param([Parameter(Mandatory)][string] $Version)
    $candidates = @(
        (& ldconfig -p 2>$null | Select-String 'libstdc\+\+\.so\.6 .*=> (.+)$' | ForEach-Object { $_.Matches[0].Groups[1].Value })
        '/usr/lib/x86_64-linux-gnu/libstdc++.so.6', '/usr/lib64/libstdc++.so.6', '/usr/lib/libstdc++.so.6'
    ) | Where-Object { $_ -and (Test-Path $_) } | Select-Object -First 1
    if (-not $candidates) { return $false }
    $text = [System.Text.Encoding]::Latin1.GetString([System.IO.File]::ReadAllBytes((Resolve-Path $candidates).Path))
    return $text.Contains("$Version`0")
}

function Get-ElfVersionNeed {
    <# Lists the version requirements (.gnu.version_r) of a 64-bit little-endian ELF file with their flag offsets. #>
    param([Parameter(Mandatory)][byte[]] $Bytes)
    if ($Bytes.Length -lt 64 -or $Bytes[0] -ne 0x7f -or $Bytes[1] -ne 0x45 -or $Bytes[4] -ne 2 -or $Bytes[5] -ne 1) {
        throw 'Not a 64-bit little-endian ELF file.'
    }
    $shoff = [BitConverter]::ToUInt64($Bytes, 0x28)
    $shentsize = [BitConverter]::ToUInt16($Bytes, 0x3A)
    $shnum = [BitConverter]::ToUInt16($Bytes, 0x3C)
    $section = { param($i) [int64]$shoff + [int64]$i * $shentsize }
    for ($i = 0; $i -lt $shnum; $i++) {
        $h = & $section $i
        if ([BitConverter]::ToUInt32($Bytes, $h + 4) -ne $script:ShtGnuVerneed) { continue }
        $offset = [int64][BitConverter]::ToUInt64($Bytes, $h + 24)
        $link = [BitConverter]::ToUInt32($Bytes, $h + 40)
        $count = [BitConverter]::ToUInt32($Bytes, $h + 44)
        $strtab = [int64][BitConverter]::ToUInt64($Bytes, (& $section $link) + 24)
        $need = $offset
        for ($n = 0; $n -lt $count; $n++) {
            $file = Get-ElfString $Bytes ($strtab + [BitConverter]::ToUInt32($Bytes, $need + 4))
            $auxCount = [BitConverter]::ToUInt16($Bytes, $need + 2)
            $aux = $need + [BitConverter]::ToUInt32($Bytes, $need + 8)
            for ($a = 0; $a -lt $auxCount; $a++) {
                [pscustomobject]@{
                    File       = $file
                    Version    = Get-ElfString $Bytes ($strtab + [BitConverter]::ToUInt32($Bytes, $aux + 8))
                    Flags      = [BitConverter]::ToUInt16($Bytes, $aux + 4)
                    FlagOffset = $aux + 4
                }
                $aux += [BitConverter]::ToUInt32($Bytes, $aux + 12)
            }
            $need += [BitConverter]::ToUInt32($Bytes, $need + 12)
        }
    }
}

function Get-ElfString([byte[]] $Bytes, [int64] $Offset) {
    $end = [Array]::IndexOf($Bytes, [byte]0, [int]$Offset)
    [System.Text.Encoding]::ASCII.GetString($Bytes, [int]$Offset, $end - $Offset)
}

function Repair-LibTorchSharp {
    <# Marks GLIBCXX_3.4.32 weak in the given copy of libLibTorchSharp.so when the system lacks that version. #>
    param([Parameter(Mandatory)][string] $Path, [string] $Version = 'GLIBCXX_3.4.32')
    if (-not $IsLinux) { return 'not Linux: left as shipped' }
    if (Test-SystemLibStdCxxVersion $Version) { return "system libstdc++ has $Version`: left as shipped" }
    $bytes = [System.IO.File]::ReadAllBytes($Path)
    $entry = Get-ElfVersionNeed $bytes | Where-Object Version -EQ $Version
    if (-not $entry) { return "no $Version requirement: left as shipped" }
    if ($entry.Flags -band $script:WeakVersionFlag) { return "$Version already weak" }
    $flags = $entry.Flags -bor $script:WeakVersionFlag
    $bytes[$entry.FlagOffset] = [byte]($flags -band 0xff)
    $bytes[$entry.FlagOffset + 1] = [byte](($flags -shr 8) -band 0xff)
    # Write beside and rename, so an interrupted build never leaves a torn library.
    $temp = "$Path.tmp"
    [System.IO.File]::WriteAllBytes($temp, $bytes)
    Move-Item -LiteralPath $temp -Destination $Path -Force
    return "marked $Version weak (system libstdc++ lacks it)"
}
