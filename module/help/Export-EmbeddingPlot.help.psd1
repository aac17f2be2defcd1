@{
    Synopsis    = 'Draws a map of users, coloured by cluster, as a PNG.'
    Description = @'
Export-EmbeddingPlot draws the points that come down the pipeline (X and Y, from ConvertTo-Tsne or Get-UserCluster) as a scatter plot, one colour per cluster with a legend giving each cluster's size, axis labels and an optional title, and writes it as a PNG of -Width × -Height pixels. Points without a Cluster property are drawn in one colour. Crowded maps stay readable: above 5,000 points the dots shrink and fade with the count (down to 1.5 pixels at 20 % opacity for 160,000 users), so density shows as depth of colour, and clusters are drawn interleaved so none is buried under another; the legend names at most 16 clusters (the largest) and counts the rest. 160,000 points render in seconds.

The file is written under a temporary name and renamed, so a failure never leaves half a picture. An existing file is only replaced with -Force; -WhatIf shows what would be written. Points without a map position (clustered on embeddings) are refused with an error.
'@
    Parameters  = @{
        Path     = 'The PNG file to write; it must end in .png (another extension stops with error ContrastiveRec.NotPngPath, before anything is written). Relative paths and PowerShell drives work.'
        X        = 'A point''s horizontal position, taken from the pipeline objects.'
        Y        = 'A point''s vertical position, taken from the pipeline objects.'
        Cluster  = 'A point''s cluster, taken from the pipeline objects when they have one; it picks the colour.'
        Title    = 'A title above the plot.'
        Width    = 'Image width in pixels.'
        Height   = 'Image height in pixels.'
        Force    = 'Replace the file if it exists.'
        PassThru = 'Emit the written file.'
        WhatIf   = 'Show what would be written without writing it.'
        Confirm  = 'Ask before writing.'
    }
    Inputs      = @{ 'ContrastiveRec.Analysis.UserCluster' = 'A clustered user with a map position (or a UserPoint, or any object with X and Y).' }
    Outputs     = @{ 'System.IO.FileInfo' = 'The written file, with -PassThru.' }
    Examples    = @(
        @{ Title = 'The study''s cluster figure'; Code = 'Import-MovieLens | Invoke-EncoderTraining -Strategy 4 -Epochs 1 | ConvertTo-Tsne -Iterations 300 | Get-UserCluster -Count 4 | Export-EmbeddingPlot -Path ./s4-clusters.png -Title ''Strategy 4: users by t-SNE'' -Force'; Remarks = 'Writes s4-clusters.png, 800 × 600, four colours.' }
        @{ Title = 'A larger plot of any points'; Code = '1..200 | ForEach-Object { [pscustomobject]@{ X = Get-Random -Maximum 10.0; Y = Get-Random -Maximum 10.0 } } | Export-EmbeddingPlot ./map.png -Width 1200 -Height 900 -Force -PassThru'; Remarks = 'Points without a Cluster are drawn in one colour; -PassThru emits the file.' }
    )
    Links       = @('ConvertTo-Tsne', 'Get-UserCluster')
}
