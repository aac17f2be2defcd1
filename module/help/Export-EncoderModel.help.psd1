@{
    Synopsis    = 'Saves a trained encoder to one file.'
    Description = @'
Export-EncoderModel writes a model's weights, hyper-parameters, pair strategy, user id map, loss history, mining statistics and where its ratings came from (with the split) to one file with a checksum. The file is written under a temporary name and renamed, so a crash never leaves a broken model file. An existing file is only replaced with -Force; -WhatIf shows what would be written.
'@
    Parameters  = @{
        Model    = 'The trained encoder to save, usually on the pipeline.'
        Path     = 'The file to write. Relative paths and PowerShell drives work.'
        Force    = 'Replace the file if it exists.'
        PassThru = 'Emit the written file.'
        WhatIf   = 'Show what would be written without writing it.'
        Confirm  = 'Ask before writing.'
    }
    Inputs      = @{ 'ContrastiveRec.Training.TrainedEncoder' = 'A trained model.' }
    Outputs     = @{ 'System.IO.FileInfo' = 'The written file, with -PassThru.' }
    Examples    = @(
        @{ Title = 'Train and save'; Code = 'Import-MovieLens | Invoke-EncoderTraining -Strategy 4 -Epochs 1 | Export-EncoderModel -Path ./s4.crec -Force'; Remarks = 'Writes s4.crec in the current folder, replacing an earlier one.' }
        @{ Title = 'See the file'; Code = 'Import-MovieLens | Invoke-EncoderTraining -Strategy 4 -Epochs 1 | Export-EncoderModel ./model.crec -Force -PassThru'; Remarks = '-PassThru emits the file written.' }
    )
    Links       = @('Import-EncoderModel', 'Invoke-EncoderTraining')
}
