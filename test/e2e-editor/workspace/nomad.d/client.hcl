data_dir  = "/opt/nomad/data"
bind_addr = "0.0.0.0"

client {
  enabled    = true
  node_pool  = "default"
  servers    = ["10.0.0.10:4647"]
}
