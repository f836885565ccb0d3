job "broken" {
  datacenters = ["dc1"]
  type        = "servce"

  group "api" {
    count = 1

    task "app" {
      driver = "docker"
      memroy = 256

      config {
        image = "redis:7"
        ports = ["db"]
      }
    }
  }
}
