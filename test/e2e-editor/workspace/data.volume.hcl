type      = "csi"
id        = "data"
name      = "data"
plugin_id = "aws-ebs0"

capability {
  access_mode     = "single-node-writer"
  attachment_mode = "file-system"
}
